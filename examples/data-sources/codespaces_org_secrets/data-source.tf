data "codespaces_org_secrets" "all" {}

output "codespaces_secret_names" {
  value = data.codespaces_org_secrets.all.secrets[*].name
}
