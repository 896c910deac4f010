# A repository of the provider's owner; `OWNER/NAME` names any other.
data "codespaces_repository_secrets" "api" {
  repository = "api"
}

output "api_secret_names" {
  value = data.codespaces_repository_secrets.api.secrets[*].name
}
