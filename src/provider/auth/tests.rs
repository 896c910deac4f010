//! Credentials: the order they are looked for in, and the checks of `app_auth` and the
//! `GITHUB_APP_*` variables, which never quote the key.

use secrecy::ExposeSecret;

use super::*;

fn pem() -> String {
    let emu = github_emulator::Emulator::start(Default::default()).unwrap();
    emu.app().unwrap().private_key_pem
}

fn block(id: Option<&str>) -> AppAuthBlock {
    AppAuthBlock {
        id: MaybeUnknown::Known(id.map(str::to_string)),
        installation_id: MaybeUnknown::Known(None),
        pem_file: MaybeUnknown::Known(None),
    }
}

fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        vars.iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

fn token_of(c: Option<Credentials>) -> Option<String> {
    match c {
        Some(Credentials::Token(t)) => Some(t.expose_secret().to_string()),
        _ => None,
    }
}

#[test]
fn credentials_are_looked_for_in_order() {
    let pem = pem();
    let app_env = [
        ("GITHUB_APP_ID", "7"),
        ("GITHUB_APP_PEM_FILE", pem.as_str()),
        ("GITHUB_TOKEN", "env-token"),
    ];
    let arg = Some(SecretString::from("arg-token"));
    let found = resolve(arg, Some(block(Some("9"))), Some("acme"), &env(&app_env));
    assert_eq!(token_of(found.unwrap()).as_deref(), Some("arg-token"));

    let found = resolve(None, Some(block(Some("9"))), Some("acme"), &env(&app_env));
    let Ok(Some(Credentials::App(a))) = found else {
        panic!("the block's App comes second")
    };
    assert_eq!(a.app_id, "9");
    assert_eq!(a.installation, Installation::OnOrganization("acme".into()));

    let Ok(Some(Credentials::App(a))) = resolve(None, None, None, &env(&app_env)) else {
        panic!("the App's variables come third")
    };
    assert_eq!(a.app_id, "7");

    let found = resolve(None, None, None, &env(&app_env[2..]));
    assert_eq!(token_of(found.unwrap()).as_deref(), Some("env-token"));
    assert!(resolve(None, None, None, &env(&[])).unwrap().is_none());
}

#[test]
fn bad_values_are_reported_on_their_attribute_and_the_key_is_never_quoted() {
    let bad = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----\n";
    let config = tfplugin::Value::object([
        ("token", tfplugin::Value::Unknown),
        (
            "app_auth",
            tfplugin::Value::object([
                ("id", tfplugin::Value::string("")),
                ("pem_file", tfplugin::Value::string(bad)),
                ("installation_id", tfplugin::Value::string("x1")),
            ]),
        ),
    ]);
    let block = Block::new()
        .attribute(
            Attribute::optional("token", Type::String).validate(token_conflicts_with_app_auth()),
        )
        .block(app_auth_block());
    let diags = tfplugin::testing::validate_block(&block, &config);
    let at: Vec<String> = diags
        .iter()
        .map(|d| d.attribute.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(
        at,
        [
            "token",
            "app_auth.id",
            "app_auth.installation_id",
            "app_auth.pem_file"
        ]
    );
    let first = diags.iter().next().unwrap();
    assert!(
        first.detail.contains("`token` and `app_auth`"),
        "{}",
        first.detail
    );
    assert!(diags.iter().all(|d| !d.detail.contains("MIIB")));

    let from_env = resolve(
        None,
        None,
        None,
        &env(&[("GITHUB_APP_ID", "1"), ("GITHUB_APP_PEM_FILE", bad)]),
    )
    .unwrap_err();
    let d = from_env.iter().next().unwrap();
    assert_eq!(d.summary, "Invalid GITHUB_APP_PEM_FILE");
    assert!(!d.detail.contains("MIIB"));
}

#[test]
fn an_app_without_id_or_key_says_where_to_set_them() {
    let diags = resolve(None, Some(block(None)), None, &env(&[])).unwrap_err();
    let summaries: Vec<&str> = diags.iter().map(|d| d.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["Missing GitHub App id", "Missing GitHub App private key"]
    );
}
