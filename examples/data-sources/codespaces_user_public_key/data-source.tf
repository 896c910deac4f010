# The public key of the user the provider's token belongs to.
data "codespaces_user_public_key" "me" {}

output "my_key_id" {
  value = data.codespaces_user_public_key.me.key_id
}
