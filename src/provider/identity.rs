//! Resource identities (Terraform 1.12+), for every scope: a secret is identified by its
//! home and its name, a grant by its secret and the repository's ID.
//!
//! | type | identity |
//! | --- | --- |
//! | `codespaces_org_secret` | `owner`, `secret_name` |
//! | `codespaces_repository_secret` | `owner`, `repository`, `secret_name` |
//! | `codespaces_user_secret` | `secret_name` |
//! | `codespaces_org_secret_repository` | `owner`, `secret_name`, `repository_id` |
//! | `codespaces_user_secret_repository` | `secret_name`, `repository_id` |
//!
//! Names are upper-case, as GitHub reports them, and a repository's owner and name
//! lower-case (GitHub ignores their case), so an identity never changes with the spelling a
//! configuration uses. A user secret's identity names no user: the user is the one the
//! provider's token belongs to, which the provider does not ask GitHub for.

use github_client::SecretHome;
use tfplugin::{Diagnostic, IdentityAttribute, IdentitySchema, Outcome, Type, Value};

use super::scope::Scope;
use super::support::secret_name_problem;

/// The identity schema of `scope`'s secrets.
pub fn secret_schema(scope: Scope) -> IdentitySchema {
    IdentitySchema::new(
        home_attributes(scope)
            .into_iter()
            .chain([name_attribute()])
            .collect(),
    )
}

/// The identity schema of the grants of `scope`'s secrets.
pub fn grant_schema(scope: Scope) -> IdentitySchema {
    let repository_id = IdentityAttribute::required("repository_id", Type::Number)
        .description("The repository's numeric ID.");
    IdentitySchema::new(
        home_attributes(scope)
            .into_iter()
            .chain([name_attribute(), repository_id])
            .collect(),
    )
}

/// The attributes that name a home of `scope`.
fn home_attributes(scope: Scope) -> Vec<IdentityAttribute> {
    let owner = |what: &str| {
        IdentityAttribute::required("owner", Type::String).description(what.to_string())
    };
    match scope {
        Scope::Organization => vec![owner("The organization (the provider's `owner`).")],
        Scope::Repository => vec![
            owner("The login of the repository's owner, lower-case."),
            IdentityAttribute::required("repository", Type::String)
                .description("The repository's name, lower-case."),
        ],
        Scope::User => Vec::new(),
    }
}

fn name_attribute() -> IdentityAttribute {
    IdentityAttribute::required("secret_name", Type::String)
        .description("The secret's name, upper-case (GitHub ignores case).")
}

/// The identity attributes naming `home`.
fn home_values(home: &SecretHome) -> Vec<(&'static str, Value)> {
    match home {
        SecretHome::Repository { owner, repo } => vec![
            ("owner", Value::string(owner.to_ascii_lowercase())),
            ("repository", Value::string(repo.to_ascii_lowercase())),
        ],
        SecretHome::Organization(org) => vec![("owner", Value::string(org.as_str()))],
        _ => Vec::new(),
    }
}

/// The identity of secret `name` of `home`.
pub fn secret(home: &SecretHome, name: &str) -> Value {
    let mut attributes = home_values(home);
    attributes.push(("secret_name", Value::string(name.to_ascii_uppercase())));
    Value::object(attributes)
}

/// The identity of repository `repository_id`'s access to secret `name` of `home`.
pub fn grant(home: &SecretHome, name: &str, repository_id: i64) -> Value {
    let mut attributes = home_values(home);
    attributes.push(("secret_name", Value::string(name.to_ascii_uppercase())));
    attributes.push(("repository_id", Value::int(repository_id)));
    Value::object(attributes)
}

/// What an import by identity names: the secret's home as the configuration would write it
/// (`None` for an organization's or the user's; `OWNER/NAME` for a repository's) and its
/// name. An organization's owner must be the provider's `owner`.
pub struct Named {
    /// A repository secret's `repository`.
    pub repository: Option<String>,
    /// The secret's name.
    pub secret_name: String,
    /// A grant's repository.
    pub repository_id: Option<i64>,
}

/// Reads the identity `given` of a secret (`grant` false) or a grant of `scope`, checked
/// against the provider's `owner`.
pub fn imported(scope: Scope, given: &Value, owner: Option<&str>, grant: bool) -> Outcome<Named> {
    let text = |attr: &str| {
        given.get(attr).as_str().map(str::to_string).ok_or_else(|| {
            Diagnostic::error(
                "Invalid identity",
                format!("The import identity has no `{attr}`."),
            )
        })
    };
    let secret_name = text("secret_name")?;
    if let Some(problem) = secret_name_problem(&secret_name) {
        return Err(Diagnostic::error(
            "Invalid identity",
            format!("{problem} That is the identity's `secret_name`."),
        )
        .into());
    }
    let repository = match scope {
        Scope::Organization => {
            let given_owner = text("owner")?;
            if !owner.is_some_and(|o| o.eq_ignore_ascii_case(&given_owner)) {
                return Err(other_organization(&given_owner, owner).into());
            }
            None
        }
        Scope::Repository => Some(format!("{}/{}", text("owner")?, text("repository")?)),
        Scope::User => None,
    };
    let repository_id = if grant {
        let id = given.get("repository_id").as_i64().filter(|id| *id > 0);
        Some(id.ok_or_else(|| {
            Diagnostic::error(
                "Invalid identity",
                "The import identity's `repository_id` is not a repository ID.",
            )
        })?)
    } else {
        None
    };
    Ok(Named {
        repository,
        secret_name,
        repository_id,
    })
}

fn other_organization(given: &str, owner: Option<&str>) -> Diagnostic {
    Diagnostic::error(
        "Identity names another organization",
        format!(
            "The import identity's owner is {given:?}, but this provider manages \
             organization {:?} (its `owner` or GITHUB_OWNER). Use a provider configured for \
             {given:?}.",
            owner.unwrap_or_default()
        ),
    )
}

#[cfg(test)]
mod tests;
