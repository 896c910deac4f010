resource "codespaces_user_secret" "cloud_key" {
  secret_name = "CLOUD_KEY"
  value_wo    = var.cloud_key
}

data "codespaces_repository" "infra" {
  full_name = "my-org/infra"
}

resource "codespaces_user_secret_repository" "infra" {
  secret_name   = codespaces_user_secret.cloud_key.secret_name
  repository_id = data.codespaces_repository.infra.id
}

variable "cloud_key" {
  type      = string
  sensitive = true
  ephemeral = true
}
