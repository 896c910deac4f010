# Every Codespaces secret of the organization (at most 100 by default; set `limit`).
list "codespaces_org_secret" "all" {
  provider = codespaces
}

# Secrets by name prefix and visibility.
list "codespaces_org_secret" "ci" {
  provider = codespaces
  limit    = 20

  config {
    name_prefix = "CI_"
    visibility  = "private"
  }
}
