# A write-only value (Terraform 1.11+) in a repository of the provider's `owner`.
resource "codespaces_repository_secret" "npm_token" {
  repository       = "api"
  secret_name      = "NPM_TOKEN"
  value_wo         = var.npm_token
  value_wo_version = 1
}

# A repository of another owner, named OWNER/NAME.
resource "codespaces_repository_secret" "database_url" {
  repository  = "my-org/web"
  secret_name = "DATABASE_URL"
  value       = var.database_url
}

# A value sealed outside Terraform with the repository's public key.
data "codespaces_repository_public_key" "web" {
  repository = "my-org/web"
}

resource "codespaces_repository_secret" "signing_key" {
  repository      = "my-org/web"
  secret_name     = "SIGNING_KEY"
  encrypted_value = var.signing_key_sealed
  key_id          = data.codespaces_repository_public_key.web.key_id
}

variable "npm_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "database_url" {
  type      = string
  sensitive = true
}

variable "signing_key_sealed" {
  type      = string
  sensitive = true
}
