//! The typed shapes of a secret of any scope, both declared on the schema of every scope's
//! attributes (`schema.rs`, which also reads and writes a scope's values as these models)
//! so they cannot drift apart: [`SecretPlan`] for what may hold unknown values (a
//! configuration, Terraform's proposal, a plan), [`SecretState`] for a stored state. One
//! model, and the code that reads it, serve every scope. Values are held in `SecretString`
//! (wiped on drop, never shown in `Debug`), and written out only to the values Terraform is
//! given back.

use std::collections::BTreeSet;

use github_client::{Secret, Visibility};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize, Serializer};
use tfplugin::{Diagnostic, MaybeUnknown, Number};

use crate::provider::support::{is_set, known_at_apply, not_known_at_apply};

/// Repository IDs as a configuration gives them: an element may be unknown until apply.
pub type PlannedIds = BTreeSet<MaybeUnknown<i64>>;

/// A value as a configuration, proposal or plan holds it.
pub type PlannedSecret = MaybeUnknown<Option<SecretString>>;

/// A configuration, proposal or plan: any attribute may be unknown, the computed ones too.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretPlan {
    pub id: MaybeUnknown<Option<String>>,
    pub repository: MaybeUnknown<Option<String>>,
    pub secret_name: MaybeUnknown<String>,
    #[serde(serialize_with = "planned_text")]
    pub value: PlannedSecret,
    #[serde(serialize_with = "planned_text")]
    pub value_wo: PlannedSecret,
    pub value_wo_version: MaybeUnknown<Option<Number>>,
    #[serde(serialize_with = "planned_text")]
    pub encrypted_value: PlannedSecret,
    pub key_id: MaybeUnknown<Option<String>>,
    pub visibility: MaybeUnknown<Option<Visibility>>,
    pub selected_repository_ids: MaybeUnknown<Option<PlannedIds>>,
    pub created_at: MaybeUnknown<Option<String>>,
    pub updated_at: MaybeUnknown<Option<String>>,
}

/// A stored state: everything known, the value attributes null when the value is managed
/// elsewhere (and `value_wo` always).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecretState {
    pub id: String,
    pub repository: Option<String>,
    pub secret_name: String,
    #[serde(serialize_with = "text")]
    pub value: Option<SecretString>,
    #[serde(serialize_with = "text")]
    pub value_wo: Option<SecretString>,
    pub value_wo_version: Option<Number>,
    #[serde(serialize_with = "text")]
    pub encrypted_value: Option<SecretString>,
    pub key_id: Option<String>,
    pub visibility: Option<Visibility>,
    pub selected_repository_ids: Option<BTreeSet<i64>>,
    pub created_at: String,
    pub updated_at: String,
}

impl SecretPlan {
    /// Whether the configuration gives the value in any of its three ways (unknown counts
    /// as given).
    pub fn owns_value(&self) -> bool {
        is_set(&self.value) || is_set(&self.value_wo) || is_set(&self.encrypted_value)
    }

    /// The name, known at apply.
    pub fn name(&self) -> Result<&str, Diagnostic> {
        known_at_apply(&self.secret_name, "secret_name").map(String::as_str)
    }

    /// The repository IDs once the whole set is known (`Some(None)` for null).
    pub fn settled_ids(&self) -> Option<Option<BTreeSet<i64>>> {
        match self.selected_repository_ids.known()? {
            None => Some(None),
            Some(ids) => ids
                .iter()
                .map(|i| i.known().copied())
                .collect::<Option<_>>()
                .map(Some),
        }
    }

    /// The repository IDs at apply (`None` for null).
    pub fn ids_at_apply(&self) -> Result<Option<BTreeSet<i64>>, Diagnostic> {
        self.settled_ids()
            .ok_or_else(|| not_known_at_apply("selected_repository_ids"))
    }

    /// The repository a repository secret's configuration names, known at apply.
    pub fn repository(&self) -> Result<Option<&str>, Diagnostic> {
        known_at_apply(&self.repository, "repository").map(Option::as_deref)
    }

    /// The configuration `terraform query -generate-config-out` writes for an existing
    /// secret: its repository (for a repository secret), name and visibility (for an
    /// organization secret) only. The value stays managed elsewhere until someone adds
    /// `value_wo`, and grants come from the list of the scope's grant resource.
    pub fn generated(state: SecretState) -> SecretPlan {
        SecretPlan {
            id: None.into(),
            repository: state.repository.into(),
            secret_name: state.secret_name.into(),
            value: None.into(),
            value_wo: None.into(),
            value_wo_version: None.into(),
            encrypted_value: None.into(),
            key_id: None.into(),
            visibility: state.visibility.into(),
            selected_repository_ids: None.into(),
            created_at: None.into(),
            updated_at: None.into(),
        }
    }
}

impl SecretState {
    /// The state of an existing secret whose value Terraform does not know: every value
    /// attribute null. `repository` and `name` are as the user wrote them.
    pub fn imported(secret: &Secret, repository: Option<&str>, name: &str) -> SecretState {
        SecretState {
            id: secret.name.clone(),
            repository: repository.map(str::to_string),
            secret_name: name.to_string(),
            value: None,
            value_wo: None,
            value_wo_version: None,
            encrypted_value: None,
            key_id: None,
            visibility: secret.visibility,
            selected_repository_ids: None,
            created_at: secret.created_at.clone(),
            updated_at: secret.updated_at.clone(),
        }
    }
}

/// A value as its text, for the state and plans Terraform is given back (which mark it
/// sensitive). The only place a model's value leaves its `SecretString`.
fn text<S: Serializer>(value: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    value.as_ref().map(ExposeSecret::expose_secret).serialize(s)
}

/// [`text`], for a value that may be unknown.
fn planned_text<S: Serializer>(value: &PlannedSecret, s: S) -> Result<S::Ok, S::Error> {
    match value {
        MaybeUnknown::Known(v) => MaybeUnknown::Known(v.as_ref().map(ExposeSecret::expose_secret)),
        MaybeUnknown::Unknown => MaybeUnknown::Unknown,
    }
    .serialize(s)
}

/// Whether the value `next` (unknown included) differs from `prior`.
pub fn value_changed(prior: &Option<SecretString>, next: &PlannedSecret) -> bool {
    match next {
        MaybeUnknown::Known(next) => {
            prior.as_ref().map(ExposeSecret::expose_secret)
                != next.as_ref().map(ExposeSecret::expose_secret)
        }
        MaybeUnknown::Unknown => true,
    }
}
