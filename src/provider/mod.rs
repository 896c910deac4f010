//! The provider: configuration, resources and data sources. The only layer that knows both Terraform and GitHub.
