# The secret, its value managed outside Terraform (no value, value_wo or encrypted_value).
resource "codespaces_user_secret" "dotfiles_token" {
  secret_name = "DOTFILES_TOKEN"
}

# terraform apply -invoke=action.codespaces_user_secret_value.dotfiles_token
action "codespaces_user_secret_value" "dotfiles_token" {
  config {
    secret_name = codespaces_user_secret.dotfiles_token.secret_name
    value       = var.dotfiles_token
  }
}

# Ephemeral: the value reaches neither the plan nor the state.
variable "dotfiles_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
