//! Repository and user secrets through the same endpoints as an organization's, each a
//! route of its [`SecretHome`]: values sealed with the home's own key and opened by the
//! emulator, a repository PUT without a visibility or grants, a user secret's grants kept or
//! set, and the advice each scope's errors give (a repo-only token on user secrets; a GitHub
//! App, which GitHub refuses on user secrets, told it needs a user's token).

use crate::common::TOKEN;
use github_client::rules::SecretScope;
use github_client::{
    ApiErrorKind, AppAuth, AppKey, Client, ClientConfig, Credentials, Grants, Installation,
    RepositoriesWritten, RepositoryChanges, SecretHome, SecretValue, Visibility,
};
use github_emulator::{Emulator, EmulatorConfig, Home};
use secrecy::SecretString;

fn client(emu: &Emulator, token: &str) -> Client {
    let mut config = ClientConfig::new(emu.base_url(), Credentials::token(token));
    config.max_retries = 0;
    Client::new(config).unwrap()
}

/// Writes `text` as secret `name` of `home`, sealed with the home's key.
async fn put(c: &Client, home: &SecretHome, name: &str, text: &[u8], grants: Grants) {
    let key = c.get_public_key(home).await.unwrap();
    let value = SecretValue::Plain {
        plaintext: text,
        key: &key,
    };
    c.write_secret(home, name, value, None, grants)
        .await
        .unwrap();
}

#[tokio::test]
async fn repository_secrets_round_trip_with_the_repositorys_own_key() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let c = client(&emu, TOKEN);
    let home = SecretHome::repository("ACME", "Api");
    let key = c.get_public_key(&home).await.unwrap();
    let org_key = c.get_public_key(&SecretHome::organization("acme")).await;
    assert_ne!(Some(key.key_id.clone()), org_key.ok().map(|k| k.key_id));

    // Grants asked of a repository secret are not sent (it has none).
    put(&c, &home, "db", b"repo value", Grants::Exactly(vec![1])).await;
    let stored = emu.secret(Home::repo("acme", "api"), "DB").unwrap();
    assert_eq!(stored.plaintext, b"repo value");
    assert_eq!(stored.key_id, key.key_id);

    let listed = c.list_secrets(&home).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].name.as_str(), listed[0].visibility),
        ("DB", None)
    );
    let one = c.get_secret(&home, "db").await.unwrap();
    assert_eq!(one.updated_at, stored.updated_at);
    let (page, next) = c.list_secrets_page(&home, None).await.unwrap();
    assert_eq!((page.len(), next.is_none()), (1, true));

    let err = c.list_selected_repositories(&home, "DB").await.unwrap_err();
    assert!(err.to_string().contains("have no repositories"), "{err}");

    c.delete_secret(&home, "DB").await.unwrap();
    assert!(emu.secret(Home::repo("acme", "api"), "DB").is_none());
    let missing = SecretHome::repository("acme", "nope");
    let err = c.list_secrets(&missing).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(err.to_string().contains("Check the repository"), "{err}");
}

#[tokio::test]
async fn user_secrets_are_the_tokens_users_and_keep_their_grants() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let c = client(&emu, TOKEN);
    let me = Home::user(emu.user());
    let ids: Vec<i64> = emu.repositories("acme").iter().map(|r| r.id).collect();
    let dotfiles = emu.repository(emu.user(), "dotfiles").unwrap().id;

    put(
        &c,
        &SecretHome::User,
        "npm",
        b"one",
        Grants::Exactly(vec![ids[0], dotfiles]),
    )
    .await;
    let stored = emu.secret(me.clone(), "NPM").unwrap();
    assert_eq!(stored.plaintext, b"one");
    assert_eq!(stored.selected_repository_ids.len(), 2);
    let listed = c.list_secrets(&SecretHome::User).await.unwrap();
    assert_eq!(listed[0].visibility, Some(Visibility::Selected));

    // A new value keeps the grants when asked to.
    c.add_selected_repository(&SecretHome::User, "NPM", ids[1])
        .await
        .unwrap();
    put(&c, &SecretHome::User, "NPM", b"two", Grants::Keep).await;
    let kept = emu.secret(me.clone(), "NPM").unwrap();
    assert_eq!(
        (
            kept.plaintext.as_slice(),
            kept.selected_repository_ids.len()
        ),
        (&b"two"[..], 3)
    );

    c.set_selected_repositories(&SecretHome::User, "NPM", &[ids[2]])
        .await
        .unwrap();
    c.remove_selected_repository(&SecretHome::User, "NPM", ids[2])
        .await
        .unwrap();
    let granted = c
        .list_selected_repositories(&SecretHome::User, "NPM")
        .await
        .unwrap();
    assert!(granted.is_empty());
    c.delete_secret(&SecretHome::User, "NPM").await.unwrap();
    assert!(emu.secrets(me).is_empty());
}

/// Changes of several repositories at once, in every scope with grants: one repository's own
/// request for a change of one; for more, the listing, changed and sent back whole, keeping
/// what was granted elsewhere; nothing sent when the listing shows the change made.
#[tokio::test]
async fn a_change_of_several_repositories_is_one_write_that_keeps_other_grants() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let c = client(&emu, TOKEN);
    let ids: Vec<i64> = emu.repositories("acme").iter().map(|r| r.id).collect();
    let homes = [
        (SecretHome::organization("acme"), Home::org("acme")),
        (SecretHome::User, Home::user(emu.user())),
    ];
    for (home, at) in homes {
        let grants = Grants::Exactly(vec![ids[0]]);
        let key = c.get_public_key(&home).await.unwrap();
        let value = SecretValue::Plain {
            plaintext: b"v",
            key: &key,
        };
        let visibility = home
            .scope()
            .has_visibility()
            .then_some(Visibility::Selected);
        c.write_secret(&home, "MANY", value, visibility, grants)
            .await
            .unwrap();
        let change = |add: &[i64], remove: &[i64]| RepositoryChanges {
            add: add.iter().copied().collect(),
            remove: remove.iter().copied().collect(),
        };
        emu.reset_counts();
        let one = change(&[ids[1]], &[]);
        let written = c.change_selected_repositories(&home, "MANY", &one);
        assert_eq!(written.await.unwrap(), RepositoriesWritten::Added);
        assert_eq!(emu.total_requests(), 1, "{home}: one request");

        emu.reset_counts();
        let several = change(&[ids[2], ids[3], ids[4]], &[ids[1]]);
        let written = c.change_selected_repositories(&home, "MANY", &several);
        assert_eq!(
            written.await.unwrap(),
            RepositoriesWritten::All { listed: 2, sent: 4 }
        );
        assert_eq!((emu.total_requests(), emu.writes()), (2, 1), "{home}");
        let kept = emu
            .secret(at.clone(), "MANY")
            .unwrap()
            .selected_repository_ids;
        let expected = [ids[0], ids[2], ids[3], ids[4]];
        assert_eq!(kept, expected.into_iter().collect(), "{home}: ids[0] kept");

        emu.reset_counts();
        let again = c.change_selected_repositories(&home, "MANY", &several);
        assert_eq!(
            again.await.unwrap(),
            RepositoriesWritten::Nothing { listed: 4 }
        );
        assert_eq!(emu.writes(), 0, "{home}: made already, so nothing sent");
    }
}

#[tokio::test]
async fn errors_say_what_each_scope_needs() {
    let emu = Emulator::start(EmulatorConfig {
        limited_tokens: vec!["repo-only".into()],
        ..EmulatorConfig::default()
    })
    .unwrap();
    let limited = client(&emu, "repo-only");
    limited
        .list_secrets(&SecretHome::repository("acme", "api"))
        .await
        .unwrap();
    let err = limited.list_secrets(&SecretHome::User).await.unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("codespace:secrets") && !text.contains("admin:org (classic)"),
        "{text}"
    );

    let app = emu.app().unwrap();
    let key = AppKey::from_pem(&SecretString::from(app.private_key_pem.clone())).unwrap();
    let mut config = ClientConfig::new(
        emu.base_url(),
        Credentials::App(AppAuth {
            app_id: app.app_id.to_string(),
            installation: Installation::Id(app.installation_id.unwrap().to_string()),
            key,
        }),
    );
    config.max_retries = 0;
    let as_app = Client::new(config).unwrap();
    as_app
        .list_secrets(&SecretHome::repository("acme", "api"))
        .await
        .unwrap();
    let github_client::Error::Api(refused) =
        as_app.list_secrets(&SecretHome::User).await.unwrap_err()
    else {
        panic!("not an API error");
    };
    assert_eq!(refused.kind, ApiErrorKind::Forbidden);
    let text = refused.to_string();
    assert!(
        text.contains("Resource not accessible by integration") && text.contains("user's token"),
        "{text}"
    );
    assert!(SecretScope::User
        .token_needs()
        .contains("Codespaces user secrets"));
}
