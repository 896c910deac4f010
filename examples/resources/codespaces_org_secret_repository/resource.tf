resource "codespaces_org_secret" "registry_password" {
  secret_name = "REGISTRY_PASSWORD"
  value_wo    = var.registry_password
  visibility  = "selected"
}

data "codespaces_repository" "web" {
  full_name = "my-org/web"
}

resource "codespaces_org_secret_repository" "web" {
  secret_name   = codespaces_org_secret.registry_password.secret_name
  repository_id = data.codespaces_repository.web.id
}

variable "registry_password" {
  type      = string
  sensitive = true
  ephemeral = true
}
