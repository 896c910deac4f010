# The repositories granted each `selected` secret.
list "codespaces_org_secret_repository" "all" {
  provider = codespaces
}

# One secret's grants.
list "codespaces_org_secret_repository" "deploy_key" {
  provider = codespaces

  config {
    secret_name = "DEPLOY_KEY"
  }
}
