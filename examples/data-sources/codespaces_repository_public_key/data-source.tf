data "codespaces_repository_public_key" "web" {
  repository = "my-org/web"
}

output "web_key_id" {
  value = data.codespaces_repository_public_key.web.key_id
}
