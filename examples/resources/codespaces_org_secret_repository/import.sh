# The import ID is SECRET_NAME:REPOSITORY_ID.
terraform import codespaces_org_secret_repository.web REGISTRY_PASSWORD:1296269
