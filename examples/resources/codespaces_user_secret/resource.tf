# A Codespaces secret of the user the provider's token belongs to, available to two
# repositories.
data "codespaces_repository" "dotfiles" {
  full_name = "octocat/dotfiles"
}

data "codespaces_repository" "api" {
  full_name = "my-org/api"
}

resource "codespaces_user_secret" "gh_pat" {
  secret_name      = "GH_PAT"
  value_wo         = var.gh_pat
  value_wo_version = 1
  selected_repository_ids = [
    data.codespaces_repository.dotfiles.id,
    data.codespaces_repository.api.id,
  ]
}

# Grants managed one repository at a time (see codespaces_user_secret_repository).
resource "codespaces_user_secret" "cloud_key" {
  secret_name = "CLOUD_KEY"
  value       = var.cloud_key
}

variable "gh_pat" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "cloud_key" {
  type      = string
  sensitive = true
}
