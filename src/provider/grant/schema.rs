//! The shape of a grant, in every scope with grants: its schema (the secret's name and the
//! repository's ID, both forcing replacement), its two models, and its import ID.

use serde::{Deserialize, Serialize};
use tfplugin::{
    differs_ignoring_case, Attribute, Block, Diagnostic, MaybeUnknown, PlanModifier, Schema, Type,
};

use crate::provider::scope::Scope;
use crate::provider::support::{
    known_at_apply, repository_id_rule, secret_name_problem, secret_name_rule,
};

/// A grant as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// `SECRET_NAME:REPOSITORY_ID`.
    pub id: String,
    /// The secret's name, as configured.
    pub secret_name: String,
    /// The repository.
    pub repository_id: i64,
}

impl Grant {
    /// The grant of `repository_id`'s access to secret `name`.
    pub fn new(name: &str, repository_id: i64) -> Self {
        Grant {
            id: format!("{}:{repository_id}", name.to_ascii_uppercase()),
            secret_name: name.to_string(),
            repository_id,
        }
    }
}

/// A grant as configured, proposed or planned: anything may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct GrantPlan {
    pub(super) id: MaybeUnknown<Option<String>>,
    pub(super) secret_name: MaybeUnknown<String>,
    pub(super) repository_id: MaybeUnknown<i64>,
}

impl GrantPlan {
    /// The secret's name and the repository, known at apply.
    pub(super) fn parts(&self) -> Result<(&str, i64), Diagnostic> {
        Ok((
            known_at_apply(&self.secret_name, "secret_name")?,
            *known_at_apply(&self.repository_id, "repository_id")?,
        ))
    }
}

/// The schema of the grants of `scope`'s secrets, with its two models.
pub fn schema(scope: Scope) -> Schema {
    let description = match scope {
        Scope::User => {
            "Gives one repository access to a Codespaces secret of the user the provider's \
             token belongs to. Use one resource per repository; grants made this way survive \
             updates of the secret's value, and grants made elsewhere are left alone."
        }
        _ => {
            "Gives one repository access to a Codespaces organization secret whose \
             visibility is `selected`. Use one resource per repository; grants made this way \
             survive updates of the secret's value, and grants made elsewhere are left alone."
        }
    };
    Schema::new(
        Block::new()
            .description(description)
            .attribute(
                Attribute::computed("id", Type::String)
                    .description(
                        "`SECRET_NAME:REPOSITORY_ID`, with the name upper-case. Also the import \
                         ID.",
                    )
                    .plan_modifier(PlanModifier::UseStateForUnknown),
            )
            .attribute(
                Attribute::required("secret_name", Type::String)
                    .description(
                        "The secret's name (case is ignored). Changing it replaces the grant.",
                    )
                    .validate(secret_name_rule())
                    .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case)),
            )
            .attribute(
                Attribute::required("repository_id", Type::Number)
                    .description(
                        "The repository's numeric ID (see the `codespaces_repository` data \
                         source). Changing it replaces the grant.",
                    )
                    .validate(repository_id_rule)
                    .plan_modifier(PlanModifier::requires_replace_if(|a, b| {
                        a.as_i64() != b.as_i64()
                    })),
            ),
    )
    .model::<GrantPlan>()
    .model::<Grant>()
}

/// Reads an import ID, `SECRET_NAME:REPOSITORY_ID`.
pub(super) fn import_id(id: &str) -> Result<(String, i64), Diagnostic> {
    let parsed = id
        .rsplit_once(':')
        .and_then(|(name, repo)| Some((name, repo.parse::<i64>().ok()?)));
    match parsed.filter(|(n, r)| secret_name_problem(n).is_none() && *r > 0) {
        Some((name, repo)) => Ok((name.to_string(), repo)),
        None => Err(Diagnostic::error(
            "Invalid import ID",
            format!(
                "{id:?} is not `SECRET_NAME:REPOSITORY_ID` (for example `DB_PASSWORD:1296269`)."
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_models_fit_the_schema() {
        for scope in [Scope::Organization, Scope::User] {
            schema(scope).check_model::<GrantPlan>().unwrap();
            schema(scope).check_model::<Grant>().unwrap();
        }
    }

    #[test]
    fn grant_ids_use_the_upper_case_name() {
        let g = Grant::new("db", 7);
        assert_eq!((g.id.as_str(), g.secret_name.as_str()), ("DB:7", "db"));
        assert_eq!(import_id("db:7").unwrap(), ("db".to_string(), 7));
        assert!(import_id("db:-1").is_err() && import_id("1x:2").is_err());
    }
}
