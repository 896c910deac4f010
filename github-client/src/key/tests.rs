//! The App's key: PEM parsing, refusals that never quote the key, and JWTs.

use super::*;

fn claims(jwt: &SecretString) -> serde_json::Value {
    let middle = jwt.expose_secret().split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(middle).unwrap()).unwrap()
}

#[test]
fn jwts_carry_the_claims_github_requires() {
    let emu = github_emulator::Emulator::start(Default::default()).unwrap();
    let pem = SecretString::from(emu.app().unwrap().private_key_pem);
    let key = AppKey::from_pem(&pem).unwrap();
    let c = claims(&key.jwt("1001", 10_000).unwrap());
    assert_eq!(c["iss"], 1001);
    assert_eq!(c["iat"], 10_000 - 60);
    assert_eq!(c["exp"], 10_000 - 60 + 540);
    assert_eq!(
        claims(&key.jwt("Iv1.abc", 10_000).unwrap())["iss"],
        "Iv1.abc"
    );
    assert_eq!(format!("{key:?}"), "AppKey(***)");
}

#[test]
fn what_is_not_an_rsa_pem_is_refused_without_quoting_it() {
    let path = SecretString::from("app.pem");
    assert_eq!(AppKey::from_pem(&path), Err(KeyError::NotPem));
    let ec = rcgen::KeyPair::generate().unwrap().serialize_pem();
    let err = AppKey::from_pem(&SecretString::from(ec.clone())).unwrap_err();
    assert_eq!(err, KeyError::NotRsa);
    let body_line = ec.lines().nth(1).unwrap();
    assert!(!err.to_string().contains(body_line));
    let cut = SecretString::from(
        "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----\n",
    );
    let err = AppKey::from_pem(&cut).unwrap_err();
    assert!(matches!(err, KeyError::Rejected(_)), "{err:?}");
    assert!(!err.to_string().contains("MIIB"));
}
