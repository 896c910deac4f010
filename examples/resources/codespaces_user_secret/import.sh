# The import ID is the secret's name (a secret of the user the provider's token belongs to).
terraform import codespaces_user_secret.gh_pat GH_PAT
