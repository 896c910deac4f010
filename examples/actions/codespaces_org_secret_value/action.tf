# The secret, its value managed outside Terraform (no value, value_wo or encrypted_value).
resource "codespaces_org_secret" "npm_token" {
  secret_name = "NPM_TOKEN"
  visibility  = "private"
}

# terraform apply -invoke=action.codespaces_org_secret_value.npm_token
action "codespaces_org_secret_value" "npm_token" {
  config {
    secret_name = codespaces_org_secret.npm_token.secret_name
    value       = var.npm_token
  }
}

# Ephemeral: the value reaches neither the plan nor the state.
variable "npm_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
