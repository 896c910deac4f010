//! `codespaces_repository`: looks a repository up by `full_name` (`owner/name`) or by `name`
//! in the provider's owner, so configurations need no hard-coded repository IDs. Both are
//! checked against GitHub's naming rules when planning, so that neither can rewrite the
//! request's path (`acme/..`).

use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use crate::provider::config::check_owner;
use crate::provider::state::ProviderState;
use crate::provider::support::api_error;
use tfplugin::{
    Attribute, AttributePath, Block, DataSource, DataSourceRequest, DataSourceResponse, Diagnostic,
    Outcome, Schema, Type, Validator,
};

/// The configuration (one of the names) and what the data source reads.
#[derive(Debug, Serialize, Deserialize)]
struct RepositoryData {
    full_name: Option<String>,
    name: Option<String>,
    id: Option<i64>,
    private: Option<bool>,
}

const ONE_WAY: (&str, &str) = (
    "Set exactly one of `full_name` or `name`",
    "Look the repository up either by `full_name` (`owner/name`) or by `name` in the \
     provider's owner.",
);

/// GitHub's rule for a repository name: ASCII letters, digits, `.`, `-` and `_`, at most 100
/// characters, not `.` or `..`, not ending in `.wiki` (the wiki's name). Anything else could
/// also rewrite the request's path.
fn name_problem(name: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    if name.is_empty() {
        Some("A repository name cannot be empty.".into())
    } else if !name.chars().all(allowed) {
        Some(format!(
            "{name:?} is not a repository name: GitHub allows only ASCII letters, digits, `.`, \
             `-` and `_`."
        ))
    } else if name == "." || name == ".." {
        Some(format!("{name:?} is not a repository name."))
    } else if name.len() > 100 {
        Some(format!(
            "{name:?} is not a repository name: GitHub allows at most 100 characters."
        ))
    } else if name.to_ascii_lowercase().ends_with(".wiki") {
        Some(format!(
            "{name:?} is not a repository name: GitHub reserves names ending in `.wiki`."
        ))
    } else {
        None
    }
}

fn full_name_problem(full: &str) -> Option<String> {
    let Some((owner, name)) = full.split_once('/') else {
        return Some(format!("{full:?} is not `owner/name`."));
    };
    if let Err(problem) = check_owner(owner) {
        return Some(format!(
            "{problem} That is the owner in {full:?}, which is `owner/name`."
        ));
    }
    name_problem(name).map(|p| format!("{p} That is the name in {full:?}, which is `owner/name`."))
}

/// The data source type.
pub struct RepositoryLookup {
    provider: Arc<ProviderState>,
}

impl RepositoryLookup {
    /// The data source, sharing the provider's configured client.
    pub fn new(provider: Arc<ProviderState>) -> Self {
        RepositoryLookup { provider }
    }
}

#[async_trait]
impl DataSource for RepositoryLookup {
    fn type_name(&self) -> &'static str {
        "codespaces_repository"
    }

    fn schema(&self) -> Schema {
        Schema::new(
            Block::new()
                .description(
                    "Looks up a repository by `full_name` or by `name` (in the provider's \
                     `owner`), for its numeric `id`.",
                )
                .attribute(
                    Attribute::optional_computed("full_name", Type::String)
                        .description("`owner/name`. Set this or `name`.")
                        .validate(
                            Validator::exactly_one_of(&["name"])
                                .message(ONE_WAY.0, ONE_WAY.1)
                                .when_missing(ONE_WAY.0, ONE_WAY.1),
                        )
                        .validate(Validator::string("Invalid full_name", full_name_problem)),
                )
                .attribute(
                    Attribute::optional_computed("name", Type::String)
                        .description(
                            "The repository's name in the provider's `owner`. Set this or \
                             `full_name`.",
                        )
                        .validate(Validator::string("Invalid repository name", name_problem)),
                )
                .attribute(
                    Attribute::computed("id", Type::Number)
                        .description("The repository's numeric ID."),
                )
                .attribute(
                    Attribute::computed("private", Type::Bool)
                        .description("Whether the repository is private."),
                ),
        )
        .model::<RepositoryData>()
    }

    async fn read(&self, req: DataSourceRequest) -> Outcome<DataSourceResponse> {
        let api = self.provider.api()?;
        let config: RepositoryData = req.to_model(&req.config)?;
        let full_name = config.full_name.as_deref();
        let (owner, name) = match full_name.and_then(|f| f.split_once('/')) {
            Some((o, n)) => (o.to_string(), n.to_string()),
            // Neither set reads as an empty name, which the check below refuses.
            None => (api.owner.clone(), config.name.clone().unwrap_or_default()),
        };
        // Validation saw these values unless they were unknown then: check them again.
        let problem = match full_name {
            Some(full) => full_name_problem(full).map(|p| ("full_name", "Invalid full_name", p)),
            None => name_problem(&name).map(|p| ("name", "Invalid repository name", p)),
        };
        if let Some((attr, summary, detail)) = problem {
            return Err(Diagnostic::error(summary, detail)
                .at(AttributePath::attr(attr))
                .into());
        }
        let r = api
            .run
            .client()
            .get_repository(&owner, &name)
            .await
            .map_err(|e| api_error(&format!("find repository {owner}/{name}"), &e))?;
        let state = RepositoryData {
            full_name: Some(r.full_name),
            name: Some(r.name),
            id: Some(r.id),
            private: Some(r.private),
        };
        Ok(DataSourceResponse::from_state(req.to_value(&state)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repository_names_follow_githubs_rules() {
        for ok in [
            "api",
            "my.repo",
            "a-b_c",
            ".github",
            "x".repeat(100).as_str(),
        ] {
            assert_eq!(name_problem(ok), None, "{ok:?}");
        }
        for bad in [
            "", ".", "..", "a/b", "a b", "a\nb", "a\u{0}", "é", "%2e%2e", "x.wiki", "?x", "#x",
        ] {
            assert!(name_problem(bad).is_some(), "{bad:?} accepted");
        }
        assert!(name_problem(&"x".repeat(101)).is_some());
    }

    #[test]
    fn full_names_check_both_parts() {
        assert_eq!(full_name_problem("acme/api"), None);
        for bad in [
            "acme/..", "acme/.", "../api", "acme", "acme/a/b", "/api", "acme/", "ac me/x",
        ] {
            assert!(full_name_problem(bad).is_some(), "{bad:?} accepted");
        }
    }
}
