# Secrets keyed by the name GitHub keeps: names that differ only in case are one
# secret, as in GitHub, and a name GitHub refuses fails the plan on that argument.
variable "ci_secret_names" {
  type    = set(string)
  default = ["npm_token", "pypi_token"]
}

resource "codespaces_org_secret" "ci" {
  for_each = toset([for name in var.ci_secret_names : provider::codespaces::secret_name(name)])

  secret_name = each.key # "NPM_TOKEN", "PYPI_TOKEN"
  visibility  = "private"
}

# A name checked where it is given.
variable "deploy_secret_name" {
  type    = string
  default = "deploy_key"

  validation {
    condition     = can(provider::codespaces::secret_name(var.deploy_secret_name))
    error_message = "Not a valid Codespaces secret name."
  }
}

output "deploy_secret" {
  value = provider::codespaces::secret_name(var.deploy_secret_name) # "DEPLOY_KEY"
}
