//! Plan-time checks of a `codespaces_org_secret` configuration. Unknown values are let
//! through (they are checked again once known); nothing here calls GitHub.

use base64::Engine;

use crate::github::rules::{MAX_PLAINTEXT_BYTES, SEALED_BOX_OVERHEAD as SEAL_OVERHEAD};
use tfplugin::{AttributePath, ClientCapabilities, Diagnostic, Diagnostics, Value};

/// Every problem with `config` the schema's declared validators do not cover (the name, the
/// one-value rule, `value_wo_version`, `key_id` and the visibility are declared there).
pub fn validate(config: &Value, caps: ClientCapabilities) -> Diagnostics {
    let mut diags = Diagnostics::new();
    if !config.get("value_wo").is_null() && !caps.write_only_attributes_allowed {
        diags.push(
            Diagnostic::error(
                "Write-only attributes are not supported by this Terraform",
                "`value_wo` is a write-only attribute, which needs Terraform 1.11 or later \
                 (or a client that announces write-only support). Upgrade Terraform, or use \
                 `value` instead (it is stored in the state).",
            )
            .at(AttributePath::attr("value_wo")),
        );
    }
    for name in ["value", "value_wo"] {
        if let Some(text) = config.get(name).as_str() {
            if text.len() > MAX_PLAINTEXT_BYTES {
                diags.push(too_large(name, text.len()));
            }
        }
    }
    if let Some(b64) = config.get("encrypted_value").as_str() {
        check_encrypted(b64, &mut diags);
    }
    check_repositories(config, &mut diags);
    diags
}

fn check_encrypted(b64: &str, diags: &mut Diagnostics) {
    let at = AttributePath::attr("encrypted_value");
    match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
        Err(_) => diags.push(
            Diagnostic::error(
                "Invalid encrypted_value",
                "`encrypted_value` must be base64 (standard alphabet, with padding): the \
                 libsodium sealed box of the value.",
            )
            .at(at),
        ),
        Ok(sealed) if sealed.len() <= SEAL_OVERHEAD => diags.push(
            Diagnostic::error(
                "Invalid encrypted_value",
                "`encrypted_value` is too short to be a libsodium sealed box.",
            )
            .at(at),
        ),
        Ok(sealed) if sealed.len() - SEAL_OVERHEAD > MAX_PLAINTEXT_BYTES => {
            diags.push(too_large("encrypted_value", sealed.len() - SEAL_OVERHEAD))
        }
        Ok(_) => {}
    }
}

fn check_repositories(config: &Value, diags: &mut Diagnostics) {
    let visibility = config.get("visibility");
    let ids = config.get("selected_repository_ids");
    let at_ids = AttributePath::attr("selected_repository_ids");
    if !ids.is_null() && visibility.as_str().is_some_and(|v| v != "selected") {
        diags.push(
            Diagnostic::error(
                "Repository IDs need visibility \"selected\"",
                "`selected_repository_ids` is only allowed with `visibility = \"selected\"`; \
                 with \"all\" or \"private\" GitHub decides which repositories see the secret.",
            )
            .at(at_ids.clone()),
        );
    }
    for id in ids.as_elements().unwrap_or_default() {
        let whole_positive = id.as_i64().is_some_and(|n| n > 0);
        if !id.is_unknown() && !whole_positive {
            diags.push(
                Diagnostic::error(
                    "Invalid repository ID",
                    "Repository IDs are positive whole numbers (see the `codespaces_repository` \
                     data source to look one up by name).",
                )
                .at(at_ids.clone()),
            );
            break;
        }
    }
}

fn too_large(attribute: &str, bytes: usize) -> Diagnostic {
    Diagnostic::error(
        "Secret value too large",
        format!(
            "The value is {bytes} bytes; GitHub accepts at most {MAX_PLAINTEXT_BYTES} bytes \
             (48 KiB). Store large data elsewhere and keep a reference in the secret."
        ),
    )
    .at(AttributePath::attr(attribute))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfplugin::validator::validate_block;

    fn caps(write_only: bool) -> ClientCapabilities {
        ClientCapabilities::with_write_only(write_only)
    }

    /// The declared validators, then the hand-written ones, as the server runs them.
    fn validate(config: &Value, caps: ClientCapabilities) -> Diagnostics {
        let mut d = validate_block(&super::super::schema().block, config);
        d.extend(super::validate(config, caps));
        d
    }

    fn config(pairs: &[(&str, Value)]) -> Value {
        let mut base = Value::object([
            ("secret_name", Value::string("DB")),
            ("visibility", Value::string("all")),
        ]);
        for (k, v) in pairs {
            base.set(k, v.clone());
        }
        base
    }

    fn summaries(d: &Diagnostics) -> Vec<(String, Option<String>)> {
        d.iter()
            .map(|d| {
                (
                    d.summary.clone(),
                    d.attribute.as_ref().map(|p| p.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn write_only_needs_a_client_that_announces_it() {
        let c = config(&[("value_wo", Value::string("x"))]);
        assert!(validate(&c, caps(true)).is_empty());
        let d = validate(&c, caps(false));
        assert_eq!(
            summaries(&d),
            [(
                "Write-only attributes are not supported by this Terraform".to_string(),
                Some("value_wo".to_string())
            )]
        );
    }

    #[test]
    fn unknown_values_are_let_through() {
        let c = config(&[
            ("secret_name", Value::Unknown),
            ("value", Value::Unknown),
            ("visibility", Value::Unknown),
            ("selected_repository_ids", Value::Set(vec![Value::Unknown])),
        ]);
        assert!(
            validate(&c, caps(true)).is_empty(),
            "{:?}",
            validate(&c, caps(true))
        );
    }

    #[test]
    fn sealed_values_are_checked_for_shape_and_size() {
        use base64::Engine;
        let b64 = |n: usize| base64::engine::general_purpose::STANDARD.encode(vec![1u8; n]);
        let with = |v: String| {
            config(&[
                ("encrypted_value", Value::String(v)),
                ("key_id", Value::string("k")),
            ])
        };
        assert!(validate(&with(b64(48 + 10)), caps(true)).is_empty());
        assert!(
            validate(&with(b64(40)), caps(true)).has_errors(),
            "shorter than a sealed box"
        );
        assert!(validate(&with(b64(48 + MAX_PLAINTEXT_BYTES + 1)), caps(true)).has_errors());
        assert!(validate(&with("%%%".into()), caps(true)).has_errors());
    }

    #[test]
    fn conflicting_values_point_at_the_extra_one() {
        let c = config(&[
            ("value", Value::string("a")),
            ("encrypted_value", Value::string("b")),
        ]);
        let d = validate(&c, caps(true));
        assert!(summaries(&d).contains(&(
            "Conflicting secret values".to_string(),
            Some("encrypted_value".to_string())
        )));
    }
}
