use serde::{Deserialize, Serialize};

use super::*;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct SecretId {
    owner: String,
    secret_name: String,
}

#[test]
fn identities_convert_to_and_from_models_and_old_versions_read() {
    let schema = IdentitySchema::new(vec![
        IdentityAttribute::required("owner", Type::String),
        IdentityAttribute::required("secret_name", Type::String),
    ]);
    let id = SecretId {
        owner: "acme".into(),
        secret_name: "DB".into(),
    };
    let value = schema.to_value(&id).unwrap();
    assert_eq!(schema.to_model::<SecretId>(&value).unwrap(), id);
    let stored = schema
        .upgrade(0, br#"{"owner":"acme","secret_name":"DB"}"#)
        .unwrap();
    assert_eq!(stored, value);
    assert!(
        schema.upgrade(1, b"{}").is_err(),
        "newer versions are refused"
    );
}

#[test]
fn identities_check_against_their_type() {
    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Identity {
        owner: String,
        secret_name: String,
    }
    let schema = IdentitySchema::new(vec![
        IdentityAttribute::required("owner", Type::String),
        IdentityAttribute::required("secret_name", Type::String),
    ]);
    assert_eq!(schema.check_model::<Identity>(), Ok(()));
    let more = IdentitySchema::new(vec![
        IdentityAttribute::required("owner", Type::String),
        IdentityAttribute::required("repository_id", Type::Number),
    ]);
    assert!(more.check_model::<Identity>().is_err());
}
