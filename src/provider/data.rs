//! The data sources, one file each: a home's public key and its secrets (one type per
//! scope, each written once), an organization secret's repositories, and a repository
//! looked up by name.

mod org_secret_repositories;
mod public_key;
mod repository;
mod secrets;

pub use org_secret_repositories::OrgSecretRepositories;
pub use public_key::PublicKeyData;
pub use repository::RepositoryLookup;
pub use secrets::SecretsData;
