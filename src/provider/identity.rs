//! Resource identities (Terraform 1.12+): `codespaces_org_secret` is identified by
//! `{owner, secret_name}`, `codespaces_org_secret_repository` by `{owner, secret_name,
//! repository_id}`. The owner is the provider's organization and the name is upper-case, as
//! GitHub reports it, so an identity never changes with the case a configuration uses.

use tfplugin::{Diagnostic, IdentityAttribute, IdentitySchema, Type, Value};

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

/// A secret's identity, or `None` while its name is unknown.
pub fn secret(owner: &str, name: &Value) -> Option<Value> {
    let name = name.as_str()?;
    Some(Value::object([
        ("owner", Value::string(owner)),
        ("secret_name", Value::string(name.to_ascii_uppercase())),
    ]))
}

/// A grant's identity, or `None` while a part is unknown.
pub fn grant(owner: &str, name: &Value, repository_id: &Value) -> Option<Value> {
    let mut identity = secret(owner, name)?;
    identity.set("repository_id", Value::int(repository_id.as_i64()?));
    Some(identity)
}

/// The secret name an import by identity names, checked against the provider's `owner`.
pub fn imported_name(identity: &Value, owner: &str) -> Result<String, Diagnostic> {
    let given_owner = identity.get("owner").as_str().unwrap_or_default();
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
    let name = identity.get("secret_name").as_str().unwrap_or_default();
    if let Some(problem) = secret_name_problem(name) {
        return Err(Diagnostic::error(
            "Invalid identity",
            format!("{problem} (the identity's `secret_name`)"),
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_use_the_upper_case_name_and_wait_for_known_parts() {
        let id = secret("acme", &Value::string("db")).unwrap();
        assert_eq!(id.get("secret_name").as_str(), Some("DB"));
        assert_eq!(secret("acme", &Value::Unknown), None);
        let g = grant("acme", &Value::string("db"), &Value::int(7)).unwrap();
        assert_eq!(g.get("repository_id").as_i64(), Some(7));
        assert_eq!(grant("acme", &Value::string("db"), &Value::Unknown), None);
    }

    #[test]
    fn imports_by_identity_must_name_the_configured_organization() {
        let id = secret("other", &Value::string("db")).unwrap();
        assert!(imported_name(&id, "acme").is_err());
        assert_eq!(imported_name(&id, "OTHER").unwrap(), "DB");
    }
}
