//! Resource identities (Terraform 1.12+): `codespaces_org_secret` is identified by
//! `{owner, secret_name}`, `codespaces_org_secret_repository` by `{owner, secret_name,
//! repository_id}`, each read and written through its model. The owner is the provider's
//! organization and the name is upper-case, as GitHub reports it, so an identity never
//! changes with the case a configuration uses.

use serde::{Deserialize, Serialize};
use tfplugin::{Diagnostic, IdentityAttribute, IdentitySchema, Outcome, Type, Value};

use super::support::secret_name_problem;

/// The identity schema of `codespaces_org_secret`.
pub fn secret_schema() -> IdentitySchema {
    IdentitySchema::new(vec![owner_attribute(), name_attribute()])
}

/// The identity schema of `codespaces_org_secret_repository`.
pub fn grant_schema() -> IdentitySchema {
    IdentitySchema::new(vec![
        owner_attribute(),
        name_attribute(),
        IdentityAttribute::required("repository_id", Type::Number)
            .description("The repository's numeric ID."),
    ])
}

fn owner_attribute() -> IdentityAttribute {
    IdentityAttribute::required("owner", Type::String)
        .description("The organization (the provider's `owner`).")
}

fn name_attribute() -> IdentityAttribute {
    IdentityAttribute::required("secret_name", Type::String)
        .description("The secret's name (case is ignored).")
}

/// A secret's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct SecretIdentity {
    owner: String,
    secret_name: String,
}

/// A grant's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct GrantIdentity {
    owner: String,
    secret_name: String,
    repository_id: i64,
}

/// The identity of secret `name` of organization `owner`.
pub fn secret(owner: &str, name: &str) -> Outcome<Value> {
    secret_schema().to_value(&SecretIdentity {
        owner: owner.to_string(),
        secret_name: name.to_ascii_uppercase(),
    })
}

/// The identity of repository `repository_id`'s access to secret `name` of `owner`.
pub fn grant(owner: &str, name: &str, repository_id: i64) -> Outcome<Value> {
    grant_schema().to_value(&GrantIdentity {
        owner: owner.to_string(),
        secret_name: name.to_ascii_uppercase(),
        repository_id,
    })
}

/// The secret name an import by `identity` names, checked against the provider's `owner`.
pub fn imported_secret(identity: &Value, owner: &str) -> Outcome<String> {
    let given: SecretIdentity = secret_schema().to_model(identity)?;
    Ok(checked_name(&given.owner, &given.secret_name, owner)?)
}

/// The import ID (`SECRET_NAME:REPOSITORY_ID`) an import by `identity` names, checked
/// against the provider's `owner`.
pub fn imported_grant(identity: &Value, owner: &str) -> Outcome<String> {
    let given: GrantIdentity = grant_schema().to_model(identity)?;
    let name = checked_name(&given.owner, &given.secret_name, owner)?;
    Ok(format!("{name}:{}", given.repository_id))
}

fn checked_name(given_owner: &str, name: &str, owner: &str) -> Result<String, Diagnostic> {
    if !given_owner.eq_ignore_ascii_case(owner) {
        return Err(Diagnostic::error(
            "Identity names another organization",
            format!(
                "The import identity's owner is {given_owner:?}, but this provider manages \
                 organization {owner:?} (its `owner` or GITHUB_OWNER). Use a provider \
                 configured for {given_owner:?}."
            ),
        ));
    }
    if let Some(problem) = secret_name_problem(name) {
        return Err(Diagnostic::error(
            "Invalid identity",
            format!("{problem} That is the identity's `secret_name`."),
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_models_fit_their_schemas() {
        secret_schema().check_model::<SecretIdentity>().unwrap();
        grant_schema().check_model::<GrantIdentity>().unwrap();
    }

    #[test]
    fn identities_use_the_upper_case_name() {
        let id: SecretIdentity = secret_schema()
            .to_model(&secret("acme", "db").unwrap())
            .unwrap();
        assert_eq!((id.owner.as_str(), id.secret_name.as_str()), ("acme", "DB"));
        let g: GrantIdentity = grant_schema()
            .to_model(&grant("acme", "db", 7).unwrap())
            .unwrap();
        assert_eq!((g.secret_name.as_str(), g.repository_id), ("DB", 7));
    }

    #[test]
    fn imports_by_identity_must_name_the_configured_organization() {
        let id = secret("other", "db").unwrap();
        assert!(imported_secret(&id, "acme").is_err());
        assert_eq!(imported_secret(&id, "OTHER").unwrap(), "DB");
        let grant = grant("acme", "db", 7).unwrap();
        assert_eq!(imported_grant(&grant, "acme").unwrap(), "DB:7");
        assert!(imported_grant(&grant, "other").is_err());
    }
}
