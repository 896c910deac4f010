# The import ID is SECRET_NAME:REPOSITORY_ID.
terraform import codespaces_user_secret_repository.infra CLOUD_KEY:1296269
