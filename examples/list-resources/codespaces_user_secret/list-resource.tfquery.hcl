# Every Codespaces secret of the user the provider's token belongs to.
list "codespaces_user_secret" "mine" {
  provider = codespaces
}
