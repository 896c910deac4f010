//! The schema of a secret, for every scope at once: [`attributes`] lists every attribute a
//! secret of any scope has, each scope's schema ([`schema`]) keeps those it has
//! ([`has_attribute`]: a repository secret's `repository`, an organization secret's
//! `visibility`, the `selected_repository_ids` of the scopes with grants), and the union
//! ([`full_schema`]) declares the models of `model.rs`, which every scope shares. A scope's
//! values are read with [`decode`] (the attributes it lacks read as null) and written with
//! [`encode`] (those attributes left out).

use std::sync::LazyLock;

use serde::de::DeserializeOwned;
use serde::Serialize;
use tfplugin::model::{from_value, to_value};
use tfplugin::{
    differs_ignoring_case, Attribute, Block, Outcome, PlanModifier, Schema, Type, Validator, Value,
};

use super::model::{SecretPlan, SecretState};
use super::rules::{ids_need_selected, plaintext_rule, sealed_value_rule};
use crate::provider::repository_name::repository_rule;
use crate::provider::scope::Scope;
use crate::provider::support::{repository_ids_rule, secret_name_rule, visibility_rule};

const KEEP: PlanModifier = PlanModifier::UseStateForUnknown;

/// Whether a secret of `scope` has attribute `name`.
pub fn has_attribute(scope: Scope, name: &str) -> bool {
    match name {
        "repository" => scope == Scope::Repository,
        "visibility" => scope.has_visibility(),
        "selected_repository_ids" => scope.has_grants(),
        _ => true,
    }
}

/// The type of the values of every scope's attributes.
static FULL_TYPE: LazyLock<Type> = LazyLock::new(|| full_schema().block.implied_type());

/// Reads `value`, a value of `scope`'s schema, as a model of every scope's attributes: the
/// attributes `scope` lacks read as null.
pub fn decode<T: DeserializeOwned>(scope: Scope, value: &Value) -> Outcome<T> {
    decode_as(scope, value, &FULL_TYPE)
}

/// Reads `value`, a value of `scope`'s variant of a schema whose every-scope type is
/// `full` (a secret's, the value action's), as a model of `full`: the attributes `scope`
/// lacks ([`has_attribute`]) read as null.
pub fn decode_as<T: DeserializeOwned>(scope: Scope, value: &Value, full: &Type) -> Outcome<T> {
    let mut value = value.clone();
    if let (Value::Object(attrs), Type::Object(all)) = (&mut value, full) {
        for name in all.keys().filter(|n| !has_attribute(scope, n)) {
            attrs.insert(name.clone(), Value::Null);
        }
    }
    Ok(from_value(&value, full)?)
}

/// Writes `model` as a value of `scope`'s schema: the attributes `scope` lacks left out.
pub fn encode<T: Serialize>(scope: Scope, model: &T) -> Outcome<Value> {
    let mut value = to_value(model, &FULL_TYPE)?;
    if let Value::Object(attrs) = &mut value {
        attrs.retain(|name, _| has_attribute(scope, name));
    }
    Ok(value)
}

/// The schema of `scope`'s secrets.
pub fn schema(scope: Scope) -> Schema {
    let block = attributes(scope)
        .into_iter()
        .filter(|a| has_attribute(scope, a.name()))
        .fold(Block::new().description(description(scope)), |b, a| {
            b.attribute(a)
        });
    Schema::new(block)
}

/// Every attribute of every scope, declaring the models every scope's values are read
/// into (`model.rs`).
pub fn full_schema() -> Schema {
    let block = attributes(Scope::Organization)
        .into_iter()
        .fold(Block::new(), |b, a| b.attribute(a));
    Schema::new(block)
        .model::<SecretPlan>()
        .model::<SecretState>()
}

fn description(scope: Scope) -> String {
    let what = match scope {
        Scope::Organization => "A GitHub Codespaces organization secret.",
        Scope::Repository => "A GitHub Codespaces repository secret.",
        Scope::User => {
            "A Codespaces secret of the user the provider's token belongs to (GitHub's \
             \"authenticated user\"), which codespaces of the repositories it is granted to \
             can read."
        }
    };
    let manages = match scope {
        Scope::Organization => "the name, the visibility and the grants",
        Scope::Repository => "the name",
        Scope::User => "the name and the grants",
    };
    format!(
        "{what} Set at most one of `value`, `value_wo` or `encrypted_value`; with none of \
         them the value is managed elsewhere and Terraform manages only {manages}. Every \
         change except `secret_name`{} is made in place.",
        if scope == Scope::Repository {
            " and the repository"
        } else {
            ""
        }
    )
}

/// Every attribute a secret of any scope has, worded for `scope`.
fn attributes(scope: Scope) -> Vec<Attribute> {
    let noun = scope.noun();
    let key_source = format!("codespaces_{}_public_key", scope_word(scope));
    vec![
        Attribute::computed("id", Type::String)
            .description(id_description(scope))
            .plan_modifier(KEEP)
            .into(),
        Attribute::required("repository", Type::String)
            .description(
                "The repository: `OWNER/NAME`, or `NAME` for a repository of the provider's \
                 `owner`. Both spellings of one repository are the same repository (case is \
                 ignored), so changing the spelling changes nothing in GitHub; naming another \
                 repository replaces the secret.",
            )
            .validate(repository_rule())
            .into(),
        Attribute::required("secret_name", Type::String)
            .description(
                "The secret's name: letters, digits and underscores, not starting with a digit \
                 nor with `GITHUB_`. GitHub ignores case (`db_password` and `DB_PASSWORD` are \
                 the same secret). Changing it (other than its case) replaces the secret.",
            )
            .validate(secret_name_rule())
            .plan_modifier(PlanModifier::requires_replace_if(differs_ignoring_case))
            .into(),
        Attribute::optional("value", Type::String)
            .validate(plaintext_rule())
            .sensitive()
            .description(format!(
                "The plaintext value, sealed by the provider with the {noun}'s public key \
                 before it is sent. At most 48 KiB. Stored in the Terraform state: prefer \
                 `value_wo` where Terraform 1.11+ is available."
            ))
            .into(),
        Attribute::optional("value_wo", Type::String)
            .validate(one_value(&["value"]))
            .validate(plaintext_rule())
            .sensitive()
            .write_only()
            .description(
                "The plaintext value as a write-only attribute (Terraform 1.11+): sent to \
                 GitHub, never stored in the plan or the state. Change `value_wo_version` to \
                 send a new value. At most 48 KiB.",
            )
            .into(),
        Attribute::optional("value_wo_version", Type::Number)
            .description("Any number; changing it sends `value_wo` again. Only with `value_wo`.")
            .validate(Validator::required_with(&["value_wo"]).message(
                "`value_wo_version` without `value_wo`",
                "`value_wo_version` only triggers a new send of `value_wo`; set `value_wo` or \
                 remove `value_wo_version`.",
            ))
            .into(),
        Attribute::optional("encrypted_value", Type::String)
            .validate(one_value(&["value", "value_wo"]))
            .validate(Validator::required_with(&["key_id"]).message(
                "`encrypted_value` needs `key_id`",
                format!(
                    "Set `key_id` to the ID of the {noun} public key the value was sealed with \
                     (see the `{key_source}` data source)."
                ),
            ))
            .validate(sealed_value_rule)
            .sensitive()
            .description(format!(
                "A value already sealed (libsodium sealed box, base64) with the {noun}'s public \
                 key, for values encrypted outside Terraform. Requires `key_id`."
            ))
            .into(),
        Attribute::optional_computed("key_id", Type::String)
            .description(
                "The ID of the public key the value was sealed with. Set it together with \
                 `encrypted_value`; otherwise the provider fills it in.",
            )
            .validate(Validator::required_with(&["encrypted_value"]).message(
                "`key_id` without `encrypted_value`",
                "`key_id` is set by the provider when it seals `value` or `value_wo`; set it \
                 only together with `encrypted_value`.",
            ))
            .plan_modifier(KEEP)
            .into(),
        Attribute::required("visibility", Type::String)
            .description("Which repositories may use the secret: `all`, `private` or `selected`.")
            .validate(visibility_rule())
            .into(),
        Attribute::optional("selected_repository_ids", Type::set(Type::Number))
            .description(ids_description(scope))
            .validate(ids_need_selected)
            .validate(repository_ids_rule)
            .into(),
        Attribute::computed("created_at", Type::String)
            .description("When the secret was created (RFC 3339).")
            .plan_modifier(KEEP)
            .into(),
        Attribute::computed("updated_at", Type::String)
            .description(
                "When the secret was last updated (RFC 3339). When GitHub reports a newer time \
                 than the provider's last write, the next plan sends the value again.",
            )
            .plan_modifier(KEEP)
            .into(),
    ]
}

/// The word a scope's type names carry: `org`, `repository`, `user`.
pub fn scope_word(scope: Scope) -> &'static str {
    match scope {
        Scope::Organization => "org",
        Scope::Repository => "repository",
        Scope::User => "user",
    }
}

fn id_description(scope: Scope) -> &'static str {
    match scope {
        Scope::Repository => {
            "The secret's name as GitHub reports it (upper-case). The import ID is \
             `OWNER/REPOSITORY/SECRET_NAME` (or `REPOSITORY/SECRET_NAME` under the provider's \
             `owner`)."
        }
        _ => "The secret's name as GitHub reports it (upper-case). Also the import ID.",
    }
}

fn ids_description(scope: Scope) -> String {
    let only = if scope.has_visibility() {
        "; only with `visibility = \"selected\"`"
    } else {
        ""
    };
    let grant = scope.grant_type().unwrap_or_default();
    format!(
        "The IDs of the repositories that may use the secret{only}. Leave it unset to manage \
         access with `{grant}` (or outside Terraform): the provider then keeps whatever grants \
         exist when it updates the secret."
    )
}

/// At most one way to give the value (declared on the later attribute of each pair, so the
/// diagnostic points at the extra one). None at all means the value is managed elsewhere.
fn one_value(earlier: &[&str]) -> Validator {
    Validator::conflicts_with(earlier).message(
        "Conflicting secret values",
        "`{other}` and `{attr}` are both set; set at most one of `value`, `value_wo` or \
         `encrypted_value` (none when the value is managed outside Terraform).",
    )
}
