import {
  to = codespaces_user_secret_repository.infra
  id = "CLOUD_KEY:1296269"
}
