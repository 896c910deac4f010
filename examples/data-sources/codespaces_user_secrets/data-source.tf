data "codespaces_user_secrets" "me" {}

output "my_secret_names" {
  value = data.codespaces_user_secrets.me.secrets[*].name
}
