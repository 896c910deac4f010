import {
  to = codespaces_org_secret.database_url
  id = "DATABASE_URL"
}
