//! The validators a secret's schema declares, in every scope: value sizes (GitHub's 48 KiB),
//! the sealed value's shape, and repository IDs only with `visibility = "selected"`. They
//! run when Terraform validates a configuration, before anything is sent; unknown values
//! are let through (they are checked again once known).

use base64::Engine;
use github_client::rules::{MAX_PLAINTEXT_BYTES, SEALED_BOX_OVERHEAD as SEAL_OVERHEAD};
use github_client::Visibility;

use tfplugin::{Diagnostic, Diagnostics, ValidateContext, Validator};

/// The validator of `value` and `value_wo`: at most GitHub's size.
pub fn plaintext_rule() -> Validator {
    Validator::string("Secret value too large", |text| {
        (text.len() > MAX_PLAINTEXT_BYTES).then(|| too_large(text.len()))
    })
}

/// The validator of `encrypted_value`: base64 of a sealed box of at most GitHub's size.
pub fn sealed_value_rule(cx: &ValidateContext<'_>) -> Diagnostics {
    let Some(b64) = cx.value.as_str() else {
        return Diagnostics::new();
    };
    let error = |summary: &str, detail: String| -> Diagnostics {
        Diagnostic::error(summary, detail)
            .at(cx.path.clone())
            .into()
    };
    match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
        Err(_) => error(
            "Invalid encrypted_value",
            "`encrypted_value` must be base64 (standard alphabet, with padding): the \
             libsodium sealed box of the value."
                .into(),
        ),
        Ok(sealed) if sealed.len() <= SEAL_OVERHEAD => error(
            "Invalid encrypted_value",
            "`encrypted_value` is too short to be a libsodium sealed box.".into(),
        ),
        Ok(sealed) if sealed.len() - SEAL_OVERHEAD > MAX_PLAINTEXT_BYTES => error(
            "Secret value too large",
            too_large(sealed.len() - SEAL_OVERHEAD),
        ),
        Ok(_) => Diagnostics::new(),
    }
}

/// The validator of `selected_repository_ids`: only with `visibility = "selected"`.
pub fn ids_need_selected(cx: &ValidateContext<'_>) -> Diagnostics {
    // A rule across attributes reads its sibling from the block's value, as the built-in
    // ones do.
    let visibility = cx.object.get("visibility").as_str();
    if cx.value.is_null() || visibility.is_none_or(|v| v == Visibility::Selected.as_str()) {
        return Diagnostics::new();
    }
    Diagnostic::error(
        "Repository IDs need visibility \"selected\"",
        "`selected_repository_ids` is only allowed with `visibility = \"selected\"`; with \
         \"all\" or \"private\" GitHub decides which repositories see the secret.",
    )
    .at(cx.path.clone())
    .into()
}

fn too_large(bytes: usize) -> String {
    format!(
        "The value is {bytes} bytes; GitHub accepts at most {MAX_PLAINTEXT_BYTES} bytes (48 \
         KiB). Store large data elsewhere and keep a reference in the secret."
    )
}
