import {
  to = codespaces_repository_secret.database_url
  id = "my-org/web/DATABASE_URL"
}
