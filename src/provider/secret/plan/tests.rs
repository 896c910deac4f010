//! Planning: what an update sends, decided from the prior state, the plan and the marker;
//! refusals and identities of plans.

use github_client::Visibility;
use secrecy::SecretString;
use tfplugin::Value;

use super::*;
use crate::provider::secret::schema::{full_schema, schema};

const ORG: Scope = Scope::Organization;

fn state(value: &str, visibility: Visibility, ids: Option<&[i64]>) -> SecretState {
    SecretState {
        id: "DB".into(),
        repository: None,
        secret_name: "db".into(),
        value: Some(SecretString::from(value)),
        value_wo: None,
        value_wo_version: None,
        encrypted_value: None,
        key_id: Some("k1".into()),
        visibility: Some(visibility),
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
        repository: known(&s.repository),
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
    encode(ORG, model).unwrap()
}

fn marker(at: &str) -> Marker {
    Marker {
        applied_updated_at: Some(at.into()),
        ..Marker::default()
    }
}

#[test]
fn the_models_fit_the_schema_of_every_scope() {
    let full = full_schema();
    full.check_model::<SecretPlan>().unwrap();
    full.check_model::<SecretState>().unwrap();
    for scope in Scope::ALL {
        for attribute in &schema(scope).block.attributes {
            assert!(
                full.block.find(attribute.name()).is_some(),
                "{}",
                attribute.name()
            );
        }
    }
}

#[test]
fn each_scope_reads_and_writes_its_own_attributes() {
    let mut s = state("v", Visibility::Selected, Some(&[1]));
    s.repository = Some("acme/api".into());
    let repo = encode(Scope::Repository, &s).unwrap();
    assert!(repo.get("visibility").is_null() && repo.get("repository").as_str().is_some());
    let Value::Object(attrs) = &repo else {
        panic!("not an object")
    };
    assert!(!attrs.contains_key("visibility") && !attrs.contains_key("selected_repository_ids"));
    let back: SecretState = decode(Scope::Repository, &repo).unwrap();
    assert_eq!(
        (back.visibility, back.selected_repository_ids),
        (None, None)
    );
    let user = encode(Scope::User, &s).unwrap();
    let Value::Object(attrs) = &user else {
        panic!("not an object")
    };
    assert!(attrs.contains_key("selected_repository_ids") && !attrs.contains_key("repository"));
}

#[test]
fn another_spelling_of_the_repository_is_not_a_move() {
    let mut prior = state("v", Visibility::All, None);
    prior.repository = Some("api".into());
    let mut next = planned(&prior);
    next.repository = MaybeUnknown::Known(Some("ACME/api".into()));
    assert!(!moves(&prior, &next, Some("acme")));
    assert!(moves(&prior, &next, Some("other")));
    next.repository = MaybeUnknown::Known(Some("acme/web".into()));
    assert!(moves(&prior, &next, Some("acme")));
    next.repository = MaybeUnknown::Unknown;
    assert!(moves(&prior, &next, Some("acme")));
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

#[test]
fn a_value_no_longer_configured_is_forgotten_without_a_write() {
    let prior = state("v", Visibility::Selected, Some(&[1]));
    let mut next = planned(&prior);
    next.value = None.into();
    assert!(intent(&prior, &next, &marker("T1"), false).is_noop());
    let mut sealed = prior.clone();
    (sealed.value, sealed.encrypted_value) = (None, Some(SecretString::from("c2VhbGVk")));
    assert!(intent(&sealed, &next, &marker("T0"), false).is_noop());
    // The visibility is still sent when it changes; the value is not.
    next.visibility = Some(Visibility::All).into();
    assert!(intent(&prior, &next, &marker("T1"), false).put_secret);
}

#[test]
fn a_key_id_the_state_never_recorded_is_adopted_not_sent() {
    let mut moved = state("v", Visibility::All, None);
    (moved.value, moved.encrypted_value) = (None, Some(SecretString::from("c2VhbGVk")));
    moved.key_id = None;
    let mut next = planned(&moved);
    next.key_id = MaybeUnknown::Known(Some("k1".into()));
    assert!(intent(&moved, &next, &marker("T1"), true).is_noop());
    // A recorded key ID that changes sends the sealed value again.
    moved.key_id = Some("k0".into());
    assert!(intent(&moved, &next, &marker("T1"), true).put_secret);
}

/// A configuration with only a name and a visibility.
fn bare_config() -> SecretPlan {
    SecretPlan::generated(state("v", Visibility::All, None))
}

#[test]
fn creating_without_a_value_is_refused_and_names_import() {
    let schema = schema(ORG);
    let config = value_of(&bare_config());
    let req = PlanRequest::new(Value::Null, config.clone(), config).with_schema(&schema);
    let Err(d) = plan(ORG, req, bare_config(), None, Some("acme")) else {
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
    let schema = schema(ORG);
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
    let home = SecretHome::organization("acme");
    let out = plan(ORG, req, next, Some(&home), Some("acme")).unwrap();
    assert_eq!(out.planned_identity, Some(identity::secret(&home, "DB")));
    assert!(out.requires_replace.is_empty());
    let planned: SecretPlan = decode(ORG, &out.planned_state).unwrap();
    assert!(planned.updated_at.is_unknown() && planned.key_id.is_unknown());
}
