# Every Codespaces secret of the organization (at most 100 by default; set `limit`).
list "codespaces_org_secret" "secrets" {
  provider = codespaces
}

# The repositories granted each `selected` secret.
list "codespaces_org_secret_repository" "grants" {
  provider = codespaces
}

# Narrower lists: secrets by prefix and visibility, one secret's grants.
list "codespaces_org_secret" "ci" {
  provider = codespaces
  limit    = 20

  config {
    name_prefix = "CI_"
    visibility  = "private"
  }
}

list "codespaces_org_secret_repository" "deploy_key" {
  provider = codespaces

  config {
    secret_name = "DEPLOY_KEY"
  }
}
