# Every Codespaces secret of the organization (at most 100 by default; set `limit`).
list "codespaces_org_secret" "secrets" {
  provider = codespaces
}

# The repositories granted each `selected` secret.
list "codespaces_org_secret_repository" "grants" {
  provider = codespaces
}

# To adopt part of an organization, use narrower lists *instead of* the ones above: an object
# that two lists find gets two import blocks, under two addresses, in the generated
# configuration. For example, private secrets whose names start with CI_, and the grants of
# one secret:
#
# list "codespaces_org_secret" "ci" {
#   provider = codespaces
#   limit    = 20
#
#   config {
#     name_prefix = "CI_"
#     visibility  = "private"
#   }
# }
#
# list "codespaces_org_secret_repository" "deploy_key" {
#   provider = codespaces
#
#   config {
#     secret_name = "DEPLOY_KEY"
#   }
# }
