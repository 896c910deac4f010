import {
  to = codespaces_org_secret_repository.web
  id = "REGISTRY_PASSWORD:1296269"
}
