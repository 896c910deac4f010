//! The data sources, one file each: the organization's public key, its secrets, a secret's
//! repositories, and a repository looked up by name.

mod org_public_key;
mod org_secret_repositories;
mod org_secrets;
mod repository;

pub use org_public_key::OrgPublicKey;
pub use org_secret_repositories::OrgSecretRepositories;
pub use org_secrets::OrgSecrets;
pub use repository::RepositoryLookup;
