//! Applying a change of a secret of any scope: create, update in place, delete (the CRUD
//! adapter picks which). Every write goes through the run (`run.rs`), which keeps what the
//! run caches true; this file only decides which calls, in which order. One secret per name
//! (`names.rs`): a create never takes over a secret the state does not hold, and says so
//! when GitHub answers that it did (204); a delete leaves alone a secret this apply writes
//! for another resource instance.

use github_client::{Grants, PutOutcome, SecretHome, SecretValue, Visibility};
use secrecy::{ExposeSecret, SecretString};
use tfplugin::{ApplyRequest, ApplyResponse, AttributePath, Diagnostic, MaybeUnknown, Outcome};

use super::model::{SecretPlan, SecretState};
use super::one_name::{already_existed, already_exists};
use super::plan::intent;
use super::refused::{key_id_refused, refused};
use super::schema::{decode, encode};
use crate::provider::identity;
use crate::provider::names::SecretNames;
use crate::provider::run::RepositoryChange;
use crate::provider::scope::Scope;
use crate::provider::state::Api;
use crate::provider::support::{api_error, known_at_apply, Marker};

/// A key ID as the plan and state hold it.
type KeyId = MaybeUnknown<Option<String>>;

/// What an apply of one secret works with.
struct Target<'a> {
    api: &'a Api,
    home: SecretHome,
    name: String,
}

/// Creates the secret, refusing to take over one that exists already, unless the state holds
/// it (a replacement, or a secret moving to this address).
pub async fn create(
    scope: Scope,
    api: &Api,
    names: &SecretNames,
    req: ApplyRequest,
) -> Outcome<ApplyResponse> {
    let planned: SecretPlan = decode(scope, &req.planned_state)?;
    let config: SecretPlan = decode(scope, &req.config)?;
    let target = target(scope, api, &planned)?;
    let (home, name) = (&target.home, target.name.as_str());
    names.want(home, name);
    let existing = api
        .run
        .known(home, name)
        .await
        .map_err(|e| api_error("check the secret", &e))?;
    let takes_over = existing.is_some();
    if let Some(existing) = existing.filter(|_| !names.is_held(home, name)) {
        return Err(already_exists(home, &existing.name).into());
    }
    let grants = Grants::from(planned.ids_at_apply()?.map(Vec::from_iter));
    let (key_id, outcome) = write(&target, &config, &planned, grants).await?;
    if outcome.replaced_an_existing_secret() && !takes_over {
        return Err(already_existed(home, &name.to_ascii_uppercase()).into());
    }
    finish(scope, &target, planned, key_id, true).await
}

/// Updates the secret in place: a PUT when the value or visibility must be sent, else only
/// the grants.
pub async fn update(
    scope: Scope,
    api: &Api,
    names: &SecretNames,
    req: ApplyRequest,
) -> Outcome<ApplyResponse> {
    let prior: SecretState = decode(scope, &req.prior_state)?;
    let planned: SecretPlan = decode(scope, &req.planned_state)?;
    let config: SecretPlan = decode(scope, &req.config)?;
    let target = target(scope, api, &planned)?;
    names.want(&target.home, &target.name);
    let owns = config.owns_value();
    let todo = intent(
        &prior,
        &planned,
        &Marker::decode(&req.planned_private),
        owns,
    );
    if todo.is_noop() {
        let response = ApplyResponse::from_state(req.planned_state.clone())
            .with_private(req.planned_private.clone());
        return Ok(response.with_identity(identity::secret(&target.home, &target.name)));
    }
    let configured_ids = planned.ids_at_apply()?;
    let key_id = if todo.put_secret {
        let grants = match configured_ids {
            Some(ids) => Grants::Exactly(Vec::from_iter(ids)),
            None => unmanaged_grants(prior.visibility, planned.visibility.known()),
        };
        write(&target, &config, &planned, grants).await?.0
    } else {
        let ids = Vec::from_iter(configured_ids.unwrap_or_default());
        let change = RepositoryChange::Set(&ids);
        let (home, name) = (&target.home, &target.name);
        if let Err(e) = api.run.change_repositories(home, name, change).await {
            return Err(
                refused(api, home, "set the secret's repositories", &e, &ids)
                    .await
                    .into(),
            );
        }
        planned.key_id.clone()
    };
    finish(scope, &target, planned, key_id, owns).await
}

/// The home and name a plan of a secret of `scope` writes.
fn target<'a>(scope: Scope, api: &'a Api, planned: &SecretPlan) -> Result<Target<'a>, Diagnostic> {
    Ok(Target {
        api,
        home: api.home(scope, planned.repository()?)?,
        name: planned.name()?.to_string(),
    })
}

/// What a PUT does with grants this resource does not manage: GitHub clears the grants of a
/// secret whose PUT omits `selected_repository_ids`, so a secret that has grants and keeps
/// them (a user secret; an organization secret that stays `selected`) gets its current
/// grants sent back (read and PUT under the client's per-secret lock, so that a grant added
/// meanwhile by a grant resource is kept).
/// `before` and `after` are the secret's visibility before and after the PUT (`after` `None`
/// when not known).
pub fn unmanaged_grants(before: Option<Visibility>, after: Option<&Option<Visibility>>) -> Grants {
    let selected = Some(Visibility::Selected);
    let keeps_grants = match (before, after) {
        // No visibility of its own: a user secret (always `selected`), or a repository's,
        // whose PUT carries no grants.
        (None, _) => true,
        (before, Some(after)) => before == selected && *after == selected,
        (_, None) => false,
    };
    if keeps_grants {
        Grants::Keep
    } else {
        Grants::Omit
    }
}

/// The plaintext or sealed text a configuration gives, if known and set.
fn given(value: &MaybeUnknown<Option<SecretString>>) -> Option<&str> {
    value.known()?.as_ref().map(ExposeSecret::expose_secret)
}

/// Seals (if needed) and PUTs the secret; answers the key id the value was sealed with (the
/// planned one when the value is managed elsewhere and only the visibility is sent), and
/// what GitHub said the PUT did.
async fn write(
    target: &Target<'_>,
    config: &SecretPlan,
    planned: &SecretPlan,
    grants: Grants,
) -> Result<(KeyId, PutOutcome), Diagnostic> {
    let visibility = *known_at_apply(&planned.visibility, "visibility")?;
    let sent_ids = match &grants {
        Grants::Exactly(ids) => ids.clone(),
        Grants::Omit | Grants::Keep => Vec::new(),
    };
    let (home, name, run) = (&target.home, target.name.as_str(), &target.api.run);
    let result = match (
        given(&config.value),
        given(&config.value_wo),
        given(&config.encrypted_value),
    ) {
        (Some(text), _, _) | (None, Some(text), _) => {
            run.write_value(home, name, text.as_bytes(), visibility, grants)
                .await
        }
        (None, None, Some(encrypted_value)) => {
            let Some(Some(key_id)) = config.key_id.known() else {
                return Err(Diagnostic::error(
                    "`encrypted_value` needs `key_id`",
                    format!(
                        "Set `key_id` to the ID of the {} public key the value was sealed with.",
                        Scope::of(home).noun()
                    ),
                )
                .at(AttributePath::attr("key_id")));
            };
            let value = SecretValue::Sealed {
                encrypted_value,
                key_id,
            };
            match run
                .write_secret(home, name, value, visibility, grants)
                .await
            {
                Err(e) if e.rejects_key() => return Err(key_id_refused(home, key_id, &e)),
                written => written,
            }
        }
        (None, None, None) if !config.owns_value() => {
            return run
                .write_secret(home, name, SecretValue::Kept, visibility, grants)
                .await
                .map(|written| (planned.key_id.clone(), written.outcome))
                .map_err(|e| api_error("write the secret's visibility", &e));
        }
        (None, None, None) => {
            return Err(Diagnostic::error(
                "Missing secret value",
                "None of `value`, `value_wo` or `encrypted_value` is known at apply time.",
            ))
        }
    };
    match result {
        Ok(written) => Ok((written.key_id.into(), written.outcome)),
        Err(e) => Err(refused(target.api, home, "write the secret", &e, &sent_ids).await),
    }
}

/// Reads back what GitHub recorded (tolerating its read-after-write lag) and builds the state
/// from the plan. The marker records the `updated_at` of our write only when the
/// configuration owns the value: without one, a `value_wo` added later must still be sent.
async fn finish(
    scope: Scope,
    target: &Target<'_>,
    mut state: SecretPlan,
    key_id: KeyId,
    owns_value: bool,
) -> Outcome<ApplyResponse> {
    state.key_id = key_id;
    let text = |t: &str| MaybeUnknown::Known(Some(t.to_string()));
    let (home, name) = (&target.home, target.name.as_str());
    let identity = identity::secret(home, name);
    let read_back = target.api.run.read_back(home, name);
    match read_back.await {
        Ok(secret) => {
            state.id = text(&secret.name);
            state.created_at = text(&secret.created_at);
            state.updated_at = text(&secret.updated_at);
            let marker = Marker {
                applied_updated_at: owns_value.then_some(secret.updated_at),
                ..Marker::default()
            };
            let response = ApplyResponse::from_state(encode(scope, &state)?);
            Ok(response
                .with_private(marker.encode())
                .with_identity(identity))
        }
        Err(e) => {
            // The write happened: keep the secret in state so it is neither lost nor created
            // twice; the missing marker makes the next plan send the value again.
            state.created_at = text("");
            state.updated_at = text("");
            state.id = text(&name.to_ascii_uppercase());
            let d = api_error("read the secret back after writing it", &e);
            let response = ApplyResponse::error(d).with_state(encode(scope, &state)?);
            Ok(response.with_identity(identity))
        }
    }
}

/// Deletes the secret; one already gone is deleted. A secret this apply creates or writes
/// for another instance (the new half of a `create_before_destroy` replacement, or a secret
/// another address took over) is left alone: only this instance's claim on it ends.
pub async fn delete(
    scope: Scope,
    api: &Api,
    names: &SecretNames,
    req: ApplyRequest,
) -> Outcome<()> {
    let prior: SecretState = decode(scope, &req.prior_state)?;
    let home = api.home(scope, prior.repository.as_deref())?;
    if names.is_wanted(&home, &prior.secret_name) {
        tracing::info!(
            secret_name = %prior.secret_name,
            home = %home,
            "another resource instance of this apply writes the secret: not deleted"
        );
        return Ok(());
    }
    match api.run.delete_secret(&home, &prior.secret_name).await {
        Ok(()) => Ok(()),
        Err(e) if e.is_not_found() => Ok(()),
        Err(e) => Err(api_error("delete the secret", &e).into()),
    }
}
