//! One secret per name, for `codespaces_org_secret`: the check of the name each plan gives
//! its secret (no other plan of the run claims it; a new secret's name is free in GitHub,
//! which also makes bad credentials, a wrong organization or base URL plan errors), and what
//! is said when a name is taken. A name the state holds is not taken: creating it is the
//! create half of a replacement (`provider/names.rs`).

use github_client::SecretHome;

use crate::provider::plans::known_secret;
use crate::provider::state::{setting_names, ProviderState};
use tfplugin::{AttributePath, Diagnostic, Diagnostics, MaybeUnknown};

/// Checks the name a plan gives its secret. No other plan of this run may claim it (each
/// instance claims its name once; the create half of a replacement, which carries the name
/// its state held, `planned_over`, claims nothing more). A secret about to be created is
/// then checked against the organization's secrets as the run knows them (`plans.rs`): an API
/// failure, or a secret of that name already there that the state does not hold, is a plan
/// error. With a name or a provider setting not known yet, apply checks instead (said in a
/// warning when a setting is the reason).
pub async fn check_name(
    provider: &ProviderState,
    name: &MaybeUnknown<String>,
    creating: bool,
    planned_over: Option<&str>,
) -> Diagnostics {
    let MaybeUnknown::Known(name) = name else {
        return Diagnostics::new();
    };
    let owner = provider.owner().unwrap_or_default();
    let home = SecretHome::organization(&owner);
    let second_plan_of_one_instance = creating && planned_over.is_some();
    if !second_plan_of_one_instance && !provider.names().claim(&home, name) {
        return two_resources(&owner, name).into();
    }
    if !creating {
        return Diagnostics::new();
    }
    let unknown = provider.unknown_settings();
    if !unknown.is_empty() {
        let verb = if unknown.len() == 1 { "is" } else { "are" };
        return Diagnostic::warning(
            "GitHub not checked while planning",
            format!(
                "The provider's {} {verb} not known yet, so this plan did not check that the \
                 credentials work or that no secret named {name} exists. Apply checks both \
                 before it writes anything.",
                setting_names(&unknown)
            ),
        )
        .into();
    }
    let api = match provider.api() {
        Ok(api) => api,
        Err(d) => return d.into(),
    };
    let replaces_its_own = planned_over.is_some_and(|over| over.eq_ignore_ascii_case(name));
    let held = replaces_its_own || provider.names().is_held(&home, name);
    match known_secret(&api.run, &api.org(), name).await {
        Err(d) => d.into(),
        Ok(Some(existing)) if !held => already_exists(&api.owner, &existing.name).into(),
        Ok(_) => Diagnostics::new(),
    }
}

/// Two plans of this run give their secrets one name.
fn two_resources(owner: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Two resources manage one secret",
        format!(
            "Another resource planned in this run manages secret {} of organization \
             {owner:?} too. GitHub keeps one secret per name and ignores case (`db_password` \
             and `DB_PASSWORD` are one secret), so the two would overwrite each other's value \
             on every apply. Give each resource its own `secret_name`, or remove one of them. \
             Nothing was changed.",
            name.to_ascii_uppercase()
        ),
    )
    .at(AttributePath::attr("secret_name"))
}

/// A secret this resource would create exists already, and is not the one a replacement of
/// this resource deletes first: what to do, with the `import` block to paste.
pub fn already_exists(owner: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Secret already exists",
        format!(
            "Organization {owner:?} already has a Codespaces secret named {name}, which this \
             resource does not manage; creating it would overwrite it. Nothing was \
             changed.\n\nIf this resource is being replaced with `create_before_destroy` (set \
             on it, or on a resource that depends on it), remove that setting: GitHub keeps one \
             secret per name, so the replacement has to delete the old secret before it \
             creates the new one.\n\nIf this resource should manage that secret (for example \
             one created by an apply that was interrupted before Terraform recorded it), \
             import it: add this block to the configuration, with `to` set to this resource's \
             address (Terraform prints it above, after \"with\"), then plan or apply \
             again:\n\n  import {{\n    to = ADDRESS\n    id = \"{name}\"\n  }}\n\nIf the \
             address is in the state already (an old object Terraform still holds for it, \
             tainted or deposed), Terraform skips the block: run `terraform state rm ADDRESS` \
             first. Otherwise choose another `secret_name`."
        ),
    )
    .at(AttributePath::attr("secret_name"))
}

/// GitHub answered 204 to a create's first try: the secret existed, and was overwritten.
pub fn already_existed(owner: &str, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Secret already existed",
        format!(
            "GitHub answered 204 No Content to the creation of secret {name} in organization \
             {owner:?}: a secret of that name existed already (created outside Terraform, or \
             by another configuration, after this run checked the name), and this apply has \
             replaced its value and visibility with this configuration's. Terraform does not \
             record it as created by this resource.\n\nIf this resource should manage it, \
             import it: add this block, with `to` set to this resource's address, and apply \
             again:\n\n  import {{\n    to = ADDRESS\n    id = \"{name}\"\n  }}\n\nIf another \
             configuration manages it, it sends its value again on its next apply: give this \
             resource another `secret_name`."
        ),
    )
    .at(AttributePath::attr("secret_name"))
}
