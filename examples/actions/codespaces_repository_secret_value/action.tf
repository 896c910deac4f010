# The secret, its value managed outside Terraform (no value, value_wo or encrypted_value).
resource "codespaces_repository_secret" "database_url" {
  repository  = "api"
  secret_name = "DATABASE_URL"
}

# terraform apply -invoke=action.codespaces_repository_secret_value.database_url
action "codespaces_repository_secret_value" "database_url" {
  config {
    repository  = codespaces_repository_secret.database_url.repository
    secret_name = codespaces_repository_secret.database_url.secret_name
    value       = var.database_url
  }
}

# Ephemeral: the value reaches neither the plan nor the state.
variable "database_url" {
  type      = string
  sensitive = true
  ephemeral = true
}
