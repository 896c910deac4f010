terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
  }
}

# Credentials and organization come from the environment when not set here: GITHUB_TOKEN
# (or a GitHub App's GITHUB_APP_* variables, or `gh auth token`) and GITHUB_OWNER.
provider "codespaces" {
  owner = "my-org"
}
