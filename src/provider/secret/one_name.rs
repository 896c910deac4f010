//! One secret per name, in every scope: the check of the name each plan gives its secret
//! (no other plan of the run claims it in the same home; a new secret's name is free in
//! GitHub, which also makes bad credentials, a wrong owner, repository or base URL plan
//! errors), and what is said when a name is taken, with the `import` block to paste. A name
//! the state holds is not taken: creating it is the create half of a replacement
//! (`provider/names.rs`).

use github_client::SecretHome;

use crate::provider::plans::known_secret;
use crate::provider::scope::{place, place_capitalized, Scope};
use crate::provider::state::{setting_names, ProviderState};
use tfplugin::{AttributePath, Diagnostic, Diagnostics, MaybeUnknown};

/// Checks the name a plan gives its secret of `home` (or the reason the home is not known,
/// which a new secret reports). No other plan of this run may claim it (each instance
/// claims its name once; the create half of a replacement, which carries the name its state
/// held, `planned_over`, claims nothing more). A secret about to be created is then checked
/// against the home's secrets as the run knows them (`plans.rs`): an API failure, or a
/// secret of that name already there that the state does not hold, is a plan error. With a
/// name or a provider setting not known yet, apply checks instead (said in a warning when a
/// setting is the reason).
pub async fn check_name(
    provider: &ProviderState,
    home: Result<SecretHome, Diagnostic>,
    name: &MaybeUnknown<String>,
    creating: bool,
    planned_over: Option<&str>,
) -> Diagnostics {
    let MaybeUnknown::Known(name) = name else {
        return Diagnostics::new();
    };
    // The home is known once every setting is (`ProviderState::home`).
    let unknown = provider.unknown_settings();
    let home = match home {
        Ok(home) => home,
        Err(_) if !unknown.is_empty() => return not_checked(creating, &unknown, name),
        Err(d) => return d.into(),
    };
    let second_plan_of_one_instance = creating && planned_over.is_some();
    if !second_plan_of_one_instance && !provider.names().claim(&home, name) {
        return two_resources(&home, name).into();
    }
    if !creating {
        return Diagnostics::new();
    }
    let api = match provider.api() {
        Ok(api) => api,
        Err(d) => return d.into(),
    };
    let replaces_its_own = planned_over.is_some_and(|over| over.eq_ignore_ascii_case(name));
    let held = replaces_its_own || provider.names().is_held(&home, name);
    match known_secret(&api.run, &home, name).await {
        Err(d) => d.into(),
        Ok(Some(existing)) if !held => already_exists(&home, &existing.name).into(),
        Ok(_) => Diagnostics::new(),
    }
}

/// What a plan says when provider settings (`unknown`) are not known yet: a new secret
/// was not checked against GitHub.
fn not_checked(creating: bool, unknown: &[&str], name: &str) -> Diagnostics {
    if !creating {
        return Diagnostics::new();
    }
    let verb = if unknown.len() == 1 { "is" } else { "are" };
    Diagnostic::warning(
        "GitHub not checked while planning",
        format!(
            "The provider's {} {verb} not known yet, so this plan did not check that the \
             credentials work or that no secret named {name} exists. Apply checks both before \
             it writes anything.",
            setting_names(unknown)
        ),
    )
    .into()
}

/// Two plans of this run give their secrets of one home one name.
fn two_resources(home: &SecretHome, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Two resources manage one secret",
        format!(
            "Another resource planned in this run manages secret {} of {} too. GitHub keeps \
             one secret per name and ignores case (`db_password` and `DB_PASSWORD` are one \
             secret), so the two would overwrite each other's value on every apply. Give each \
             resource its own `secret_name`, or remove one of them. Nothing was changed.",
            name.to_ascii_uppercase(),
            place(home),
        ),
    )
    .at(AttributePath::attr("secret_name"))
}

/// The import ID of secret `name` of `home`: the name, or `OWNER/REPOSITORY/NAME` for a
/// repository's.
pub fn import_id(home: &SecretHome, name: &str) -> String {
    match home {
        SecretHome::Repository { owner, repo } => format!("{owner}/{repo}/{name}"),
        _ => name.to_string(),
    }
}

/// The `import` block a message gives for secret `name` of `home`.
fn import_block(home: &SecretHome, name: &str) -> String {
    format!(
        "  import {{\n    to = ADDRESS\n    id = \"{}\"\n  }}",
        import_id(home, name)
    )
}

/// A secret this resource would create exists already, and is not the one a replacement of
/// this resource deletes first: what to do, with the `import` block to paste.
pub fn already_exists(home: &SecretHome, name: &str) -> Diagnostic {
    Diagnostic::error(
        "Secret already exists",
        format!(
            "{} already has a Codespaces secret named {name}, which this resource does not \
             manage; creating it would overwrite it. Nothing was changed.\n\nIf this resource \
             is being replaced with `create_before_destroy` (set on it, or on a resource that \
             depends on it), remove that setting: GitHub keeps one secret per name, so the \
             replacement has to delete the old secret before it creates the new one.\n\nIf \
             this resource should manage that secret (for example one created by an apply \
             that was interrupted before Terraform recorded it), import it: add this block to \
             the configuration, with `to` set to this resource's address (Terraform prints it \
             above, after \"with\"), then plan or apply again:\n\n{}\n\nIf the address is in \
             the state already (an old object Terraform still holds for it, tainted or \
             deposed), Terraform skips the block: run `terraform state rm ADDRESS` first. \
             Otherwise choose another `secret_name`.",
            place_capitalized(home),
            import_block(home, name),
        ),
    )
    .at(AttributePath::attr("secret_name"))
}

/// GitHub answered 204 to a create's first try: the secret existed, and was overwritten.
pub fn already_existed(home: &SecretHome, name: &str) -> Diagnostic {
    let what = if Scope::of(home).has_visibility() {
        "value and visibility"
    } else {
        "value"
    };
    Diagnostic::error(
        "Secret already existed",
        format!(
            "GitHub answered 204 No Content to the creation of secret {name} of {}: a secret \
             of that name existed already (created outside Terraform, or by another \
             configuration, after this run checked the name), and this apply has replaced its \
             {what} with this configuration's. Terraform does not record it as created by this \
             resource.\n\nIf this resource should manage it, import it: add this block, with \
             `to` set to this resource's address, and apply again:\n\n{}\n\nIf another \
             configuration manages it, it sends its value again on its next apply: give this \
             resource another `secret_name`.",
            place(home),
            import_block(home, name),
        ),
    )
    .at(AttributePath::attr("secret_name"))
}
