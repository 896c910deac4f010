//! GitHub REST client for Codespaces organization secrets. Knows GitHub, nothing of Terraform.
