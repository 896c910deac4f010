# By full name ...
data "codespaces_repository" "api" {
  full_name = "my-org/api"
}

# ... or by name in the provider's owner.
data "codespaces_repository" "web" {
  name = "web"
}

output "api_repository_id" {
  value = data.codespaces_repository.api.id
}
