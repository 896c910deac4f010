//! integrations/github, the provider whose Codespaces resources this one replaces
//! (`registry.terraform.io/integrations/github`): the schemas of its four Codespaces resource
//! types at schema version 0, as its documentation describes them (attribute names, types,
//! and which are required, optional, computed or sensitive; SDKv2 adds the `id` every one of
//! them has), the model a state of any of its three secret types reads as, and what its
//! states hold in a form of their own (timestamps as Go prints them).
//!
//! One definition serves both users of these schemas: the secret resources declare them as
//! the sources of `moved` blocks (`secret/moved.rs`), and the test suite's stand-in for
//! integrations/github (the example `github_stand_in`) serves them, since Terraform loads
//! the schema of every provider its state names.
//!
//! | integrations/github | this provider |
//! | --- | --- |
//! | `github_codespaces_organization_secret` | `codespaces_org_secret` |
//! | `github_codespaces_secret` | `codespaces_repository_secret` |
//! | `github_codespaces_user_secret` | `codespaces_user_secret` |
//! | `github_codespaces_organization_secret_repositories` | none: [`list_move_refused`] |

use std::collections::BTreeSet;

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use tfplugin::{
    Attribute, Block, Diagnostic, MoveSource, MoveStateRequest, Outcome, RawState, Schema, Type,
};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use super::scope::Scope;

/// integrations/github's source address, as Terraform writes it in states.
pub const ADDRESS: &str = "registry.terraform.io/integrations/github";

/// Its resource type holding the whole list of repositories of an organization secret.
pub const LIST_TYPE: &str = "github_codespaces_organization_secret_repositories";

/// Its resource type for the secrets of `scope`.
pub fn secret_type(scope: Scope) -> &'static str {
    match scope {
        Scope::Organization => "github_codespaces_organization_secret",
        Scope::Repository => "github_codespaces_secret",
        Scope::User => "github_codespaces_user_secret",
    }
}

/// A stored state of any of its secret types; the attributes a type lacks read as null.
/// Unset strings may be stored as `""` (SDKv2 writes the zero value back): see
/// [`IncumbentSecret::value`].
#[derive(Deserialize)]
pub struct IncumbentSecret {
    pub id: Option<String>,
    pub repository: Option<String>,
    pub secret_name: String,
    pub encrypted_value: Option<SecretString>,
    pub plaintext_value: Option<SecretString>,
    pub visibility: Option<String>,
    pub selected_repository_ids: Option<BTreeSet<i64>>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

impl IncumbentSecret {
    /// Reads a stored state of any of the three secret types.
    pub fn read(raw: &RawState) -> Outcome<IncumbentSecret> {
        raw.decode_model(&full_secret_schema())
    }

    /// `value` if it holds text: null and `""` are both unset.
    pub fn value(value: &Option<SecretString>) -> Option<SecretString> {
        value
            .as_ref()
            .filter(|v| !v.expose_secret().is_empty())
            .cloned()
    }
}

/// Whether its secret type of `scope` has attribute `name`.
fn has_attribute(scope: Scope, name: &str) -> bool {
    match name {
        "repository" => scope == Scope::Repository,
        "visibility" => scope == Scope::Organization,
        "selected_repository_ids" => scope != Scope::Repository,
        _ => true,
    }
}

/// The schema (version 0) of its secret type of `scope`.
pub fn secret_schema(scope: Scope) -> Schema {
    let block = secret_attributes()
        .into_iter()
        .filter(|a| has_attribute(scope, a.name()))
        .fold(Block::new(), Block::attribute);
    Schema::new(block)
}

/// Every attribute of its three secret types, declaring [`IncumbentSecret`].
pub fn full_secret_schema() -> Schema {
    let block = secret_attributes()
        .into_iter()
        .fold(Block::new(), Block::attribute);
    Schema::new(block).model::<IncumbentSecret>()
}

fn secret_attributes() -> Vec<Attribute> {
    vec![
        id(),
        Attribute::required("repository", Type::String).into(),
        Attribute::required("secret_name", Type::String).into(),
        Attribute::optional("encrypted_value", Type::String)
            .sensitive()
            .into(),
        Attribute::optional("plaintext_value", Type::String)
            .sensitive()
            .into(),
        Attribute::required("visibility", Type::String).into(),
        Attribute::optional("selected_repository_ids", Type::set(Type::Number)).into(),
        Attribute::computed("created_at", Type::String).into(),
        Attribute::computed("updated_at", Type::String).into(),
    ]
}

/// The schema (version 0) of [`LIST_TYPE`].
pub fn list_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(id())
            .attribute(Attribute::required("secret_name", Type::String))
            .attribute(Attribute::required(
                "selected_repository_ids",
                Type::set(Type::Number),
            )),
    )
}

/// The `id` SDKv2 gives every resource.
fn id() -> Attribute {
    Attribute::optional_computed("id", Type::String).into()
}

/// Its four Codespaces resource types and their schemas.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    let mut all: Vec<_> = Scope::ALL
        .into_iter()
        .map(|scope| (secret_type(scope), secret_schema(scope)))
        .collect();
    all.push((LIST_TYPE, list_schema()));
    all
}

/// A timestamp as it stores them (Go's `time.Time.String()`: `2023-06-27 12:34:56 +0000
/// UTC`, fractions of a second when there are some) in GitHub's form (RFC 3339 in UTC,
/// `2023-06-27T12:34:56Z`); `None` when `go` is not one.
pub fn rfc3339(go: &str) -> Option<String> {
    // The zone's abbreviation is not needed: the offset says it all.
    let (time, _zone) = go.trim().rsplit_once(' ')?;
    let format = format_description!(
        "[year]-[month]-[day] [hour]:[minute]:[second][optional [.[subsecond]]] \
         [offset_hour sign:mandatory][offset_minute]"
    );
    let parsed = OffsetDateTime::parse(time, format).ok()?;
    parsed.to_offset(UtcOffset::UTC).format(&Rfc3339).ok()
}

/// [`LIST_TYPE`] as the source of a `moved` block into a type of `scope`, where the incumbent
/// has such a list (organization secrets only): declared by the types a user would move it
/// into, so that the move is refused with [`list_move_refused`]'s advice rather than a bare
/// "unsupported".
pub fn list_source(scope: Scope) -> Option<MoveSource> {
    (scope == Scope::Organization).then(|| MoveSource::new(ADDRESS, LIST_TYPE, list_schema()))
}

/// Refuses a move of [`LIST_TYPE`] into `target` ([`list_move_refused`]); any other source
/// passes.
pub fn refuse_list(req: &MoveStateRequest, target: &str) -> Outcome<()> {
    if req.source_type_name == LIST_TYPE {
        return Err(list_move_refused(target).into());
    }
    Ok(())
}

/// Why a `moved` block from [`LIST_TYPE`] into `target` is refused, and what to do instead.
pub fn list_move_refused(target: &str) -> Diagnostic {
    Diagnostic::error(
        "Cannot move a whole list of repositories",
        format!(
            "{LIST_TYPE} holds every repository allowed to read an organization secret, and a \
             `moved` block maps one resource to one resource: no resource of this provider \
             means the same ({target} would not). Nothing was changed. Instead:\n\
             1. Replace the `moved` block with `removed {{ from = <its address> lifecycle {{ \
             destroy = false }} }}`, so that Terraform forgets the list without emptying it \
             (integrations/github's delete removes every repository).\n\
             2. Manage the repositories with this provider: either set the same IDs in \
             `selected_repository_ids` of the secret's codespaces_org_secret (the next plan \
             then shows no change), or import each repository as a \
             codespaces_org_secret_repository (`import` blocks with IDs `SECRET_NAME:REPOSITORY_ID`). \
             Not both for one secret.\n\
             See the guide \"Migrating from integrations/github\"."
        ),
    )
}

#[cfg(test)]
mod tests;
