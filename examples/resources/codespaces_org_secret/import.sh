# The import ID is the secret's name. The next apply sends the configured value, if any.
terraform import codespaces_org_secret.database_url DATABASE_URL
