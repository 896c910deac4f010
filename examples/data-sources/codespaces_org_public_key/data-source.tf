data "codespaces_org_public_key" "current" {}

output "codespaces_key_id" {
  value = data.codespaces_org_public_key.current.key_id
}
