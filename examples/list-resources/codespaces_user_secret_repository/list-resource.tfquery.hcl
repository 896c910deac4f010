# The repositories granted each of the user's secrets.
list "codespaces_user_secret_repository" "all" {
  provider = codespaces
}

# One secret's grants.
list "codespaces_user_secret_repository" "gh_pat" {
  provider = codespaces

  config {
    secret_name = "GH_PAT"
  }
}
