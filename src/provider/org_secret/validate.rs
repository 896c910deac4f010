//! Plan-time checks of a `codespaces_org_secret` configuration beyond the built-in
//! validators: the ones its schema declares (value sizes, the sealed value's shape,
//! repository IDs only with `selected`), and the one that needs the client's capabilities
//! (write-only support). Unknown values are let through (they are checked again once
//! known); nothing here calls GitHub.

use base64::Engine;

use super::model::SecretPlan;
use crate::github::rules::{MAX_PLAINTEXT_BYTES, SEALED_BOX_OVERHEAD as SEAL_OVERHEAD};
use crate::provider::support::is_set;
use tfplugin::{
    AttributePath, Diagnostic, Diagnostics, ValidateContext, ValidateRequest, Validator,
};

/// What the declared validators cannot check: `value_wo` needs a client that announces
/// write-only support.
pub fn validate(req: &ValidateRequest) -> Diagnostics {
    // A configuration the model cannot hold (a fractional repository ID) is one the
    // declared validators have reported already.
    let Ok(config) = req.to_model::<SecretPlan>(&req.config) else {
        return Diagnostics::new();
    };
    if !is_set(&config.value_wo) || req.capabilities.write_only_attributes_allowed {
        return Diagnostics::new();
    }
    Diagnostic::error(
        "Write-only attributes are not supported by this Terraform",
        "`value_wo` is a write-only attribute, which needs Terraform 1.11 or later (or a \
         client that announces write-only support). Upgrade Terraform, or use `value` \
         instead (it is stored in the state).",
    )
    .at(AttributePath::attr("value_wo"))
    .into()
}

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
    if cx.value.is_null() || visibility.is_none_or(|v| v == "selected") {
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

#[cfg(test)]
mod tests {
    use super::*;
    use tfplugin::testing::validate_block;
    use tfplugin::{ClientCapabilities, Value};

    fn caps(write_only: bool) -> ClientCapabilities {
        ClientCapabilities::with_write_only(write_only)
    }

    /// The declared validators, then the hand-written one, as the server runs them.
    fn validate(config: &Value, caps: ClientCapabilities) -> Diagnostics {
        let schema = super::super::schema();
        let mut d = validate_block(&schema.block, config);
        d.extend(super::validate(
            &ValidateRequest::new(config.clone(), caps).with_schema(&schema),
        ));
        d
    }

    /// A configuration as Terraform sends it: every attribute, null unless given.
    fn config(pairs: &[(&str, Value)]) -> Value {
        let schema = super::super::schema();
        let mut base = Value::object(
            schema
                .block
                .attributes
                .iter()
                .map(|a| (a.name().to_string(), Value::Null)),
        );
        base.set("secret_name", Value::string("DB"));
        base.set("visibility", Value::string("all"));
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

    #[test]
    fn repository_ids_are_declared_checks() {
        let ids = |v: &[Value]| Value::Set(v.to_vec());
        let c = config(&[("selected_repository_ids", ids(&[Value::int(1)]))]);
        assert_eq!(
            summaries(&validate(&c, caps(true))),
            [(
                "Repository IDs need visibility \"selected\"".to_string(),
                Some("selected_repository_ids".to_string())
            )]
        );
        let c = config(&[
            ("visibility", Value::string("selected")),
            (
                "selected_repository_ids",
                ids(&[Value::int(-1), Value::Number(tfplugin::Number::Float(1.5))]),
            ),
        ]);
        assert_eq!(
            summaries(&validate(&c, caps(false))),
            [(
                "Invalid repository ID".to_string(),
                Some("selected_repository_ids".to_string())
            )],
            "one diagnostic, and nothing from the model it does not fit"
        );
    }

    #[test]
    fn plaintext_values_are_limited_in_size() {
        let big = "x".repeat(MAX_PLAINTEXT_BYTES + 1);
        for name in ["value", "value_wo"] {
            let c = config(&[(name, Value::string(big.as_str()))]);
            let d = validate(&c, caps(true));
            assert_eq!(
                summaries(&d),
                [("Secret value too large".to_string(), Some(name.to_string()))]
            );
            let detail = &d.iter().next().unwrap().detail;
            assert!(!detail.contains("xxxx"), "the value is not quoted");
        }
    }
}
