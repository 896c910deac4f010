# Every Codespaces secret of one repository.
list "codespaces_repository_secret" "api" {
  provider = codespaces

  config {
    repository = "my-org/api"
  }
}

# Secrets by name prefix.
list "codespaces_repository_secret" "ci" {
  provider = codespaces

  config {
    repository  = "web"
    name_prefix = "CI_"
  }
}
