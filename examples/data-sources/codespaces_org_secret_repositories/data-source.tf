data "codespaces_org_secret_repositories" "database_url" {
  secret_name = "DATABASE_URL"
}

output "repositories_with_database_url" {
  value = data.codespaces_org_secret_repositories.database_url.repositories[*].full_name
}
