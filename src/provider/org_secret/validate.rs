//! Plan-time checks of a `codespaces_org_secret` configuration. Unknown values are let
//! through (they are checked again once known); nothing here calls GitHub.

use base64::Engine;

use crate::provider::support::{check_secret_name, MAX_PLAINTEXT_BYTES};
use tfplugin::{AttributePath, ClientCapabilities, Diagnostic, Diagnostics, Value};

/// Sealed-box overhead: the ephemeral public key and the MAC.
const SEAL_OVERHEAD: usize = 32 + 16;

const VALUE_KINDS: [&str; 3] = ["value", "value_wo", "encrypted_value"];

/// Every problem with `config`.
pub fn validate(config: &Value, caps: ClientCapabilities) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let at = AttributePath::attr;
    if let Some(d) = check_secret_name(config.get("secret_name"), at("secret_name")) {
        diags.push(d);
    }
    check_value_kind(config, caps, &mut diags);
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
    check_visibility(config, &mut diags);
    diags
}

fn check_value_kind(config: &Value, caps: ClientCapabilities, diags: &mut Diagnostics) {
    let at = AttributePath::attr;
    let set: Vec<&str> = VALUE_KINDS
        .into_iter()
        .filter(|k| !config.get(k).is_null())
        .collect();
    match set.as_slice() {
        [] => diags.push(Diagnostic::error(
            "Missing secret value",
            "Set exactly one of `value`, `value_wo` (write-only, Terraform 1.11+) or \
             `encrypted_value`.",
        )),
        [_] => {}
        [first, rest @ ..] => {
            for other in rest {
                diags.push(
                    Diagnostic::error(
                        "Conflicting secret values",
                        format!(
                            "`{first}` and `{other}` are both set; set exactly one of `value`, \
                             `value_wo` or `encrypted_value`."
                        ),
                    )
                    .at(at(other)),
                );
            }
        }
    }
    if !config.get("value_wo").is_null() && !caps.write_only_attributes_allowed {
        diags.push(
            Diagnostic::error(
                "Write-only attributes are not supported by this Terraform",
                "`value_wo` is a write-only attribute, which needs Terraform 1.11 or later \
                 (or a client that announces write-only support). Upgrade Terraform, or use \
                 `value` instead (it is stored in the state).",
            )
            .at(at("value_wo")),
        );
    }
    if !config.get("value_wo_version").is_null() && config.get("value_wo").is_null() {
        diags.push(
            Diagnostic::error(
                "`value_wo_version` without `value_wo`",
                "`value_wo_version` only triggers a new send of `value_wo`; set `value_wo` or \
                 remove `value_wo_version`.",
            )
            .at(at("value_wo_version")),
        );
    }
    let has_encrypted = !config.get("encrypted_value").is_null();
    let has_key_id = !config.get("key_id").is_null();
    if has_encrypted && !has_key_id {
        diags.push(
            Diagnostic::error(
                "`encrypted_value` needs `key_id`",
                "Set `key_id` to the ID of the organization public key the value was sealed \
                 with (see the `codespaces_org_public_key` data source).",
            )
            .at(at("key_id")),
        );
    }
    if has_key_id && !has_encrypted {
        diags.push(
            Diagnostic::error(
                "`key_id` without `encrypted_value`",
                "`key_id` is set by the provider when it seals `value` or `value_wo`; set it \
                 only together with `encrypted_value`.",
            )
            .at(at("key_id")),
        );
    }
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

fn check_visibility(config: &Value, diags: &mut Diagnostics) {
    let visibility = config.get("visibility");
    if let Some(v) = visibility.as_str() {
        if !matches!(v, "all" | "private" | "selected") {
            diags.push(
                Diagnostic::error(
                    "Invalid visibility",
                    format!("{v:?} is not a visibility: use \"all\", \"private\" or \"selected\"."),
                )
                .at(AttributePath::attr("visibility")),
            );
        }
    }
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

    fn caps(write_only: bool) -> ClientCapabilities {
        ClientCapabilities {
            write_only_attributes_allowed: write_only,
            ..Default::default()
        }
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
