terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
  }
}

# Token and organization come from GITHUB_TOKEN and GITHUB_OWNER when not set here.
provider "codespaces" {
  owner = "my-org"
}
