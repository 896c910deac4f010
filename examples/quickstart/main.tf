# The quickstart configuration: `cargo run --example quickstart` applies it against the
# bundled github-emulator (owner, token and base_url come from GITHUB_* variables it sets).
terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
  }
}

provider "codespaces" {}

data "codespaces_repository" "api" {
  name = "api"
}

data "codespaces_repository" "web" {
  name = "web"
}

# Visible to every repository of the organization; the value is kept in state.
resource "codespaces_org_secret" "registry_url" {
  secret_name = "REGISTRY_URL"
  value       = "https://registry.example.com"
  visibility  = "all"
}

# Visible to private repositories; write-only: never in the plan or the state.
resource "codespaces_org_secret" "npm_token" {
  secret_name      = "npm_token"
  value_wo         = "quickstart-npm-token"
  value_wo_version = 1
  visibility       = "private"
}

# Visible to chosen repositories, listed on the secret.
resource "codespaces_org_secret" "database_url" {
  secret_name             = "DATABASE_URL"
  value                   = "postgres://app:quickstart@db.internal:5432/app"
  visibility              = "selected"
  selected_repository_ids = [data.codespaces_repository.api.id]
}

# Visible to chosen repositories, granted one by one.
resource "codespaces_org_secret" "deploy_key" {
  secret_name      = "DEPLOY_KEY"
  value_wo         = "quickstart-deploy-key"
  value_wo_version = 1
  visibility       = "selected"
}

resource "codespaces_org_secret_repository" "deploy_key_web" {
  secret_name   = codespaces_org_secret.deploy_key.secret_name
  repository_id = data.codespaces_repository.web.id
}

data "codespaces_org_secrets" "all" {
  depends_on = [
    codespaces_org_secret.registry_url,
    codespaces_org_secret.npm_token,
    codespaces_org_secret.database_url,
    codespaces_org_secret.deploy_key,
  ]
}

output "secret_names" {
  value = data.codespaces_org_secrets.all.secrets[*].name
}
