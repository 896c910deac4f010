# Adopting an organization's Codespaces secrets (Terraform 1.14+ for `terraform query`).
# This configuration holds only the provider; `terraform query` runs the list blocks of
# adopt.tfquery.hcl, and `terraform query -generate-config-out=generated.tf` writes an
# import block and a resource block for every secret and grant found.
terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
  }
}

provider "codespaces" {
  owner = "acme"
}
