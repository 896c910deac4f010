//! Repository and user secrets over HTTP, held to the organization's standard: 201 then
//! 204 with case-insensitive names returned upper-case, 404s, pagination, each home's own
//! key (a box sealed for another home's key is refused, the value that arrived is opened
//! with the right one), and changes made outside Terraform. Who reaches what is in
//! `access.rs`.

use crate::common::{repo_home, secrets_path, user_home, Api, ORG, USER};
use github_emulator::Home;
use serde_json::json;

#[tokio::test]
async fn repository_and_user_secrets_are_created_updated_read_and_deleted() {
    let api = Api::start();
    for home in [repo_home(), user_home()] {
        let path = secrets_path(&home);
        let created = api.put_in(&home, "db_password", b"one", json!({})).await;
        assert_eq!(created.status, 201, "{home}: {}", created.body);
        let updated = api.put_in(&home, "DB_Password", b"two", json!({})).await;
        assert_eq!(updated.status, 204, "{home}");
        let got = api.call("GET", &format!("{path}/Db_PassWord"), None).await;
        assert_eq!(got.status, 200, "{home}");
        assert_eq!(got.body["name"], "DB_PASSWORD");
        let s = api.emu.secret(&home, "db_password").unwrap();
        assert_eq!((s.plaintext.as_slice(), s.put_count), (&b"two"[..], 2));
        assert!(s.updated_at >= s.created_at);
        let gone = |method: &'static str| {
            let path = format!("{path}/DB_PASSWORD");
            let api = &api;
            async move { api.call(method, &path, None).await.status }
        };
        assert_eq!(gone("DELETE").await, 204, "{home}");
        assert_eq!(gone("DELETE").await, 404, "{home}");
        assert_eq!(gone("GET").await, 404, "{home}");
        assert!(api.emu.secret(&home, "DB_PASSWORD").is_none());
    }
    api.put_in(&repo_home(), "R", b"v", json!({})).await;
    let path = format!("{}/R", secrets_path(&repo_home()));
    let got = api.call("GET", &path, None).await;
    assert!(
        got.body.get("visibility").is_none(),
        "repository secrets have none"
    );
    api.put_in(&user_home(), "U", b"v", json!({})).await;
    let got = api.call("GET", "/user/codespaces/secrets/U", None).await;
    assert_eq!(got.body["visibility"], "selected");
    let url = got.body["selected_repositories_url"].as_str().unwrap();
    assert!(
        url.ends_with("/user/codespaces/secrets/U/repositories"),
        "{url}"
    );
}

#[tokio::test]
async fn unknown_repositories_and_bad_names_are_refused_alike_in_every_scope() {
    let api = Api::start();
    let missing = "/repos/acme/missing/codespaces/secrets";
    for path in [missing.to_string(), format!("{missing}/public-key")] {
        assert_eq!(api.call("GET", &path, None).await.status, 404, "{path}");
    }
    for home in [Home::org(ORG), repo_home(), user_home()] {
        for name in ["1NVALID", "GITHUB_X", "a-b"] {
            let r = api
                .put_in(&home, name, b"v", json!({"visibility": "all"}))
                .await;
            assert_eq!(r.status, 422, "{home} {name}");
            let said = r.body["errors"][0]["message"].as_str().unwrap();
            assert!(said.starts_with("Secret names can only contain"), "{said}");
        }
        let (value, key_id) = api.seal_for(&home, b"v");
        let path = format!("{}/NO_KEY", secrets_path(&home));
        let body = json!({"encrypted_value": value, "key_id": "1", "visibility": "all"});
        assert_eq!(
            api.call("PUT", &path, Some(body)).await.status,
            422,
            "{home}"
        );
        let body = json!({"key_id": key_id, "visibility": "all"});
        assert_eq!(
            api.call("PUT", &path, Some(body)).await.status,
            422,
            "{home}: no value"
        );
    }
}

#[tokio::test]
async fn each_home_has_its_own_key_and_opens_boxes_with_it() {
    let api = Api::start();
    let homes = [
        Home::org(ORG),
        repo_home(),
        Home::repo(ORG, "web"),
        user_home(),
    ];
    let keys: Vec<(String, String)> = homes
        .iter()
        .map(|h| api.emu.public_key(h).unwrap())
        .collect();
    for (i, a) in keys.iter().enumerate() {
        for b in &keys[i + 1..] {
            assert!(a.0 != b.0 && a.1 != b.1, "two homes share a key");
        }
    }
    for (i, home) in homes.iter().enumerate() {
        let published = api
            .call("GET", &format!("{}/public-key", secrets_path(home)), None)
            .await;
        assert_eq!(published.status, 200);
        assert_eq!(published.body["key_id"], keys[i].0, "{home}");
        assert_eq!(published.body["key"], keys[i].1, "{home}");
        // Sealed for the next home's key but sent with this home's key id: refused.
        let (elsewhere, _) = api.seal_for(&homes[(i + 1) % homes.len()], b"wrong");
        let body = json!({"encrypted_value": elsewhere, "key_id": keys[i].0, "visibility": "all"});
        let path = format!("{}/SEALED", secrets_path(home));
        assert_eq!(
            api.call("PUT", &path, Some(body)).await.status,
            422,
            "{home}"
        );
        let value = format!("value for {home}");
        let r = api
            .put_in(
                home,
                "SEALED",
                value.as_bytes(),
                json!({"visibility": "all"}),
            )
            .await;
        assert_eq!(r.status, 201, "{home}");
        let s = api.emu.secret(home, "sealed").unwrap();
        assert_eq!(s.plaintext, value.as_bytes());
        assert_eq!(s.key_id, keys[i].0);
    }
    api.emu.rotate_public_key(repo_home());
    let stale = api.put_in(&repo_home(), "SEALED", b"v", json!({})).await;
    assert_eq!(stale.status, 204, "sealed with the new key");
    assert_ne!(api.emu.public_key(repo_home()).unwrap(), keys[1]);
    assert_eq!(
        api.emu.public_key(ORG).unwrap(),
        keys[0],
        "other homes keep theirs"
    );
}

#[tokio::test]
async fn repository_and_user_lists_paginate_with_total_count_and_links() {
    let api = Api::start();
    for home in [repo_home(), user_home()] {
        for i in 0..5 {
            api.put_in(&home, &format!("P{i}"), b"v", json!({})).await;
        }
        let path = secrets_path(&home);
        let first = api.call("GET", &format!("{path}?per_page=2"), None).await;
        assert_eq!(first.body["total_count"], 5, "{home}");
        assert_eq!(first.body["secrets"].as_array().unwrap().len(), 2);
        let link = first.headers["link"].to_str().unwrap();
        assert!(link.contains("page=3>; rel=\"last\""), "{link}");
        let last = api
            .call("GET", &format!("{path}?per_page=2&page=3"), None)
            .await;
        assert_eq!(last.body["secrets"][0]["name"], "P4");
    }
    for i in 5..120 {
        api.put_in(&repo_home(), &format!("P{i}"), b"v", json!({}))
            .await;
    }
    let path = format!("{}?per_page=500", secrets_path(&repo_home()));
    let capped = api.call("GET", &path, None).await;
    assert_eq!(capped.status, 200);
    assert_eq!(
        capped.body["secrets"].as_array().unwrap().len(),
        100,
        "per_page is capped at 100"
    );
    assert_eq!(
        capped.body["total_count"], 100,
        "a repository holds at most 100 secrets"
    );
}

#[tokio::test]
async fn changes_outside_terraform_show_in_every_scope() {
    let api = Api::start();
    let ids = api.repo_ids();
    let repo = api.emu.add_repository(ORG, "late-arrival", false).unwrap();
    assert_eq!(repo.full_name, "acme/late-arrival");
    assert!(!ids.contains(&repo.id));
    for home in [repo_home(), Home::repo(ORG, "late-arrival"), user_home()] {
        assert!(api
            .emu
            .put_secret_outside(&home, "ELSEWHERE", b"one", "all", &[ids[0]]));
        let first = api.emu.secret(&home, "elsewhere").unwrap();
        assert!(api
            .emu
            .put_secret_outside(&home, "ELSEWHERE", b"two", "all", &[ids[0]]));
        let second = api.emu.secret(&home, "elsewhere").unwrap();
        assert_eq!(second.plaintext, b"two");
        assert!(second.updated_at > first.updated_at, "{home}");
        let listed = api.call("GET", &secrets_path(&home), None).await;
        assert_eq!(
            listed.body["secrets"][0]["updated_at"],
            second.updated_at.as_str()
        );
        assert_eq!(api.emu.secrets(&home).len(), 1);
    }
    assert_eq!(
        api.emu
            .secret(repo_home(), "ELSEWHERE")
            .unwrap()
            .selected_repository_ids
            .len(),
        0
    );
    assert!(api
        .emu
        .add_repository_outside(user_home(), "ELSEWHERE", ids[1]));
    assert!(api
        .emu
        .remove_repository_outside(user_home(), "ELSEWHERE", ids[0]));
    let granted = api
        .emu
        .secret(user_home(), "ELSEWHERE")
        .unwrap()
        .selected_repository_ids;
    assert_eq!(granted.into_iter().collect::<Vec<_>>(), [ids[1]]);
    assert!(
        !api.emu
            .add_repository_outside(repo_home(), "ELSEWHERE", ids[1]),
        "no grants"
    );
    assert!(api.emu.delete_secret_outside(repo_home(), "elsewhere"));
    let path = format!("{}/ELSEWHERE", secrets_path(&repo_home()));
    assert_eq!(api.call("GET", &path, None).await.status, 404);
    assert_eq!(api.emu.user(), USER);
}
