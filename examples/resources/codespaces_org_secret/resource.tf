# A write-only value (Terraform 1.11+): never stored in the plan or the state.
# Bump value_wo_version to send a new value.
resource "codespaces_org_secret" "npm_token" {
  secret_name      = "NPM_TOKEN"
  value_wo         = var.npm_token
  value_wo_version = 1
  visibility       = "private"
}

# A value available to chosen repositories only.
data "codespaces_repository" "api" {
  name = "api"
}

resource "codespaces_org_secret" "database_url" {
  secret_name             = "DATABASE_URL"
  value                   = var.database_url
  visibility              = "selected"
  selected_repository_ids = [data.codespaces_repository.api.id]
}

# A value sealed outside Terraform with the organization's public key.
resource "codespaces_org_secret" "signing_key" {
  secret_name     = "SIGNING_KEY"
  encrypted_value = var.signing_key_sealed
  key_id          = var.signing_key_id
  visibility      = "all"
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

variable "signing_key_id" {
  type = string
}
