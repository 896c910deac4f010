//! Planning: what an update sends, decided from the prior state, the plan and the marker;
//! refusals and identities of plans.

use github_client::Visibility;
use secrecy::SecretString;
use tfplugin::Value;

use super::*;
use crate::provider::org_secret::schema;

fn state(value: &str, visibility: Visibility, ids: Option<&[i64]>) -> SecretState {
    SecretState {
        id: "DB".into(),
        secret_name: "db".into(),
        value: Some(SecretString::from(value)),
        value_wo: None,
        value_wo_version: None,
        encrypted_value: None,
        key_id: Some("k1".into()),
        visibility,
        selected_repository_ids: ids.map(|i| i.iter().copied().collect()),
        created_at: "T0".into(),
        updated_at: "T1".into(),
    }
}

/// `state` as a plan: everything known.
fn planned(s: &SecretState) -> SecretPlan {
    let known = |v: &Option<String>| MaybeUnknown::Known(v.clone());
    SecretPlan {
        id: known(&Some(s.id.clone())),
        secret_name: s.secret_name.clone().into(),
        value: s.value.clone().into(),
        value_wo: None.into(),
        value_wo_version: s.value_wo_version.clone().into(),
        encrypted_value: s.encrypted_value.clone().into(),
        key_id: known(&s.key_id),
        visibility: s.visibility.into(),
        selected_repository_ids: s
            .selected_repository_ids
            .as_ref()
            .map(|ids| ids.iter().map(|i| MaybeUnknown::Known(*i)).collect())
            .into(),
        created_at: known(&Some(s.created_at.clone())),
        updated_at: known(&Some(s.updated_at.clone())),
    }
}

fn value_of<T: serde::Serialize>(model: &T) -> Value {
    tfplugin::model::to_value(model, &schema().block.implied_type()).unwrap()
}

fn marker(at: &str) -> Marker {
    Marker {
        applied_updated_at: Some(at.into()),
        ..Marker::default()
    }
}

#[test]
fn the_models_fit_the_schema() {
    schema().check_model::<SecretPlan>().unwrap();
    schema().check_model::<SecretState>().unwrap();
}

#[test]
fn nothing_changed_means_nothing_to_send() {
    let s = state("v", Visibility::All, None);
    assert!(intent(&s, &planned(&s), &marker("T1"), true).is_noop());
}

#[test]
fn value_or_visibility_changes_put_the_secret() {
    let prior = state("v", Visibility::Selected, Some(&[1]));
    let next = planned(&state("w", Visibility::Selected, Some(&[1])));
    let by_value = intent(&prior, &next, &marker("T1"), true);
    assert!(by_value.put_secret && !by_value.set_repositories);
    let by_vis = intent(
        &prior,
        &planned(&state("v", Visibility::All, None)),
        &marker("T1"),
        true,
    );
    assert!(by_vis.put_secret);
    let mut unknown = planned(&prior);
    unknown.value = MaybeUnknown::Unknown;
    assert!(intent(&prior, &unknown, &marker("T1"), true).put_secret);
}

#[test]
fn grants_alone_use_the_repositories_endpoint() {
    let prior = state("v", Visibility::Selected, Some(&[1]));
    let next = planned(&state("v", Visibility::Selected, Some(&[1, 2])));
    let todo = intent(&prior, &next, &marker("T1"), true);
    assert_eq!(
        todo,
        Intent {
            put_secret: false,
            set_repositories: true
        }
    );
    let mut partly_known = planned(&prior);
    partly_known.selected_repository_ids =
        Some([MaybeUnknown::Known(1), MaybeUnknown::Unknown].into()).into();
    assert!(intent(&prior, &partly_known, &marker("T1"), true).set_repositories);
    let unmanaged = planned(&state("v", Visibility::Selected, None));
    assert!(intent(&prior, &unmanaged, &marker("T1"), true).is_noop());
}

#[test]
fn drift_or_import_sends_the_value_again() {
    let s = state("v", Visibility::All, None);
    assert!(intent(&s, &planned(&s), &marker("T0"), true).put_secret);
    assert!(intent(&s, &planned(&s), &Marker::default(), true).put_secret);
}

#[test]
fn a_value_managed_elsewhere_moving_is_not_drift_but_visibility_is() {
    let s = state("v", Visibility::All, None);
    assert!(intent(&s, &planned(&s), &Marker::default(), false).is_noop());
    assert!(intent(&s, &planned(&s), &marker("T0"), false).is_noop());
    let by_vis = intent(
        &s,
        &planned(&state("v", Visibility::Private, None)),
        &marker("T0"),
        false,
    );
    assert!(by_vis.put_secret);
}

/// A configuration with only a name and a visibility.
fn bare_config() -> SecretPlan {
    SecretPlan::generated(state("v", Visibility::All, None))
}

#[test]
fn creating_without_a_value_is_refused_and_names_import() {
    let schema = schema();
    let config = value_of(&bare_config());
    let req = PlanRequest::new(Value::Null, config.clone(), config).with_schema(&schema);
    let Err(d) = plan(req, bare_config(), Some("acme")) else {
        panic!("a create without a value was planned");
    };
    let d = d.iter().next().unwrap();
    assert!(
        d.detail.contains("import") && d.detail.contains("db"),
        "{}",
        d.detail
    );
}

#[test]
fn plans_carry_the_identity_and_a_new_update_time() {
    let schema = schema();
    let prior = state("v", Visibility::All, None);
    let next = planned(&state("w", Visibility::All, None));
    let config = SecretPlan {
        id: None.into(),
        key_id: None.into(),
        created_at: None.into(),
        updated_at: None.into(),
        ..next.clone()
    };
    let req =
        PlanRequest::new(value_of(&prior), value_of(&next), value_of(&config)).with_schema(&schema);
    let out = plan(req, next, Some("acme")).unwrap();
    assert_eq!(
        out.planned_identity,
        Some(identity::secret("acme", "DB").unwrap())
    );
    let planned: SecretPlan =
        tfplugin::model::from_value(&out.planned_state, &schema.block.implied_type()).unwrap();
    assert!(planned.updated_at.is_unknown() && planned.key_id.is_unknown());
}
