# The import ID is OWNER/REPOSITORY/SECRET_NAME, or REPOSITORY/SECRET_NAME for a repository of
# the provider's owner (the import ID of integrations/github's github_codespaces_secret).
terraform import codespaces_repository_secret.database_url my-org/web/DATABASE_URL
