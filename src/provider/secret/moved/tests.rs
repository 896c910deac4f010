//! The mapping of each scope's incumbent state, and the marker that keeps the value alone.

use secrecy::{ExposeSecret, SecretString};

use super::*;

fn old(repository: Option<&str>, visibility: Option<&str>, ids: &[i64]) -> IncumbentSecret {
    IncumbentSecret {
        id: Some("db".into()),
        repository: repository.map(str::to_string),
        secret_name: "db".into(),
        encrypted_value: Some(SecretString::from("")),
        plaintext_value: Some(SecretString::from("s3cret")),
        visibility: visibility.map(str::to_string),
        selected_repository_ids: Some(ids.iter().copied().collect()),
        created_at: Some("2024-05-01 09:00:00 +0000 UTC".into()),
        updated_at: Some("2024-05-02 10:30:00 +0000 UTC".into()),
    }
}

#[test]
fn each_scope_keeps_what_it_has_and_the_marker_of_the_last_write() {
    let set = |ids: &[i64]| Some(ids.iter().copied().collect());
    let cases = [
        (
            Scope::Organization,
            old(None, Some("selected"), &[7]),
            set(&[7]),
        ),
        (Scope::Organization, old(None, Some("selected"), &[]), None),
        (Scope::Repository, old(Some("api"), None, &[]), None),
        (Scope::User, old(None, None, &[3]), set(&[3])),
        (Scope::User, old(None, None, &[]), None),
    ];
    for (scope, incumbent, ids) in cases {
        let (state, marker) = from_incumbent(scope, incumbent);
        assert_eq!(state.id, "DB");
        assert_eq!(state.secret_name, "db");
        assert_eq!(state.value.as_ref().unwrap().expose_secret(), "s3cret");
        assert!(state.encrypted_value.is_none(), "\"\" is unset");
        assert!(state.key_id.is_none() && state.value_wo.is_none());
        assert_eq!(state.created_at, "2024-05-01T09:00:00Z");
        assert_eq!(state.updated_at, "2024-05-02T10:30:00Z");
        let last_write = marker.applied_updated_at.as_deref();
        assert_eq!(last_write, Some("2024-05-02T10:30:00Z"));
        let (repository, visibility) = match scope {
            Scope::Organization => (None, Some(Visibility::Selected)),
            Scope::Repository => (Some("api".to_string()), None),
            Scope::User => (None, None),
        };
        assert_eq!(state.repository, repository, "{scope:?}");
        assert_eq!(state.visibility, visibility, "{scope:?}");
        assert_eq!(state.selected_repository_ids, ids, "{scope:?}: [] is unset");
    }
}

#[test]
fn ids_of_a_secret_without_grants_are_dropped() {
    let (state, _) = from_incumbent(Scope::Organization, old(None, Some("all"), &[]));
    assert_eq!(state.visibility, Some(Visibility::All));
    assert_eq!(state.selected_repository_ids, None);
}

#[test]
fn without_a_value_or_a_readable_time_the_marker_is_empty() {
    let mut no_value = old(None, Some("private"), &[]);
    no_value.plaintext_value = None;
    let (state, marker) = from_incumbent(Scope::Organization, no_value);
    assert!(state.value.is_none() && marker == Marker::default());
    let mut odd_time = old(None, Some("private"), &[]);
    odd_time.updated_at = Some("last tuesday".into());
    let (state, marker) = from_incumbent(Scope::Organization, odd_time);
    assert_eq!(
        state.updated_at, "last tuesday",
        "kept for the refresh to replace"
    );
    assert_eq!(
        marker,
        Marker::default(),
        "the next plan sends a configured value"
    );
}

#[test]
fn a_sealed_value_is_kept_without_a_key_id() {
    let mut sealed = old(None, Some("all"), &[]);
    (sealed.plaintext_value, sealed.encrypted_value) = (None, Some(SecretString::from("c2Vh")));
    let (state, marker) = from_incumbent(Scope::Organization, sealed);
    assert_eq!(state.encrypted_value.unwrap().expose_secret(), "c2Vh");
    assert!(state.value.is_none() && state.key_id.is_none());
    assert!(marker.applied_updated_at.is_some());
}
