//! The emulator answers as GitHub does: statuses, validation, case rules, pagination, auth,
//! rate-limit headers, ETags, timestamps, the grants-cleared quirk, faults and counting.

use crate::common;

use crate::common::{Api, ORG, TOKEN};
use base64::Engine;
use github_emulator::{EmulatorConfig, Faults};
use serde_json::json;

const S: &str = "/orgs/acme/codespaces/secrets";

#[tokio::test]
async fn create_is_201_update_is_204_and_names_are_upper_case() {
    let api = Api::start();
    assert_eq!(
        api.put("db_password", b"one", "all", None).await.status,
        201
    );
    assert_eq!(
        api.put("DB_Password", b"two", "private", None).await.status,
        204
    );
    let got = api.call("GET", &format!("{S}/Db_PassWord"), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body["name"], "DB_PASSWORD");
    assert_eq!(got.body["visibility"], "private");
    let s = api.emu.secret(ORG, "db_password").unwrap();
    assert_eq!((s.plaintext.as_slice(), s.put_count), (&b"two"[..], 2));
}

#[tokio::test]
async fn unknown_things_are_404() {
    let api = Api::start();
    assert_eq!(
        api.call("GET", "/orgs/nope/codespaces/secrets", None)
            .await
            .status,
        404
    );
    assert_eq!(
        api.call("GET", &format!("{S}/MISSING"), None).await.status,
        404
    );
    assert_eq!(
        api.call("DELETE", &format!("{S}/MISSING"), None)
            .await
            .status,
        404
    );
    assert_eq!(
        api.call("GET", &format!("{S}/MISSING/repositories"), None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn repository_endpoints_need_selected_visibility() {
    let api = Api::start();
    let id = api.repo_ids()[0];
    api.put("OPEN", b"v", "all", None).await;
    for (method, path) in [
        ("GET", format!("{S}/OPEN/repositories")),
        ("PUT", format!("{S}/OPEN/repositories/{id}")),
        ("DELETE", format!("{S}/OPEN/repositories/{id}")),
    ] {
        assert_eq!(
            api.call(method, &path, None).await.status,
            409,
            "{method} {path}"
        );
    }
    let set = json!({"selected_repository_ids": [id]});
    assert_eq!(
        api.call("PUT", &format!("{S}/OPEN/repositories"), Some(set))
            .await
            .status,
        409
    );
}

#[tokio::test]
async fn invalid_writes_are_422_and_change_nothing() {
    let api = Api::start();
    let ids = api.repo_ids();
    let (good, key_id) = api.seal(b"v");
    let put = |name: &str, body: serde_json::Value| {
        let path = format!("{S}/{name}");
        let api = &api;
        async move { api.call("PUT", &path, Some(body)).await }
    };
    let other_box = {
        let k = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
        base64::engine::general_purpose::STANDARD.encode(
            k.public_key()
                .seal(&mut crypto_box::aead::OsRng, b"v")
                .unwrap(),
        )
    };
    let cases = [
        (
            "BAD_B64",
            json!({"encrypted_value": "***", "key_id": key_id, "visibility": "all"}),
        ),
        (
            "BAD_KEY",
            json!({"encrypted_value": good, "key_id": "123", "visibility": "all"}),
        ),
        (
            "WRONG_BOX",
            json!({"encrypted_value": other_box, "key_id": key_id, "visibility": "all"}),
        ),
        (
            "1NVALID",
            json!({"encrypted_value": good, "key_id": key_id, "visibility": "all"}),
        ),
        (
            "GITHUB_X",
            json!({"encrypted_value": good, "key_id": key_id, "visibility": "all"}),
        ),
        (
            "VIS",
            json!({"encrypted_value": good, "key_id": key_id, "visibility": "public"}),
        ),
        (
            "IDS",
            json!({"encrypted_value": good, "key_id": key_id, "visibility": "all", "selected_repository_ids": [ids[0]]}),
        ),
        (
            "UNKNOWN_REPO",
            json!({"encrypted_value": good, "key_id": key_id, "visibility": "selected", "selected_repository_ids": [42]}),
        ),
        ("NO_VALUE", json!({"visibility": "all"})),
    ];
    for (name, body) in cases {
        let r = put(name, body).await;
        assert_eq!(r.status, 422, "{name}: {}", r.body);
        assert!(
            r.body["errors"].as_array().is_some_and(|e| !e.is_empty()),
            "{name}"
        );
    }
    let big = vec![b'x'; 48 * 1024 + 1];
    assert_eq!(api.put("BIG", &big, "all", None).await.status, 422);
    assert_eq!(
        api.put("JUST_FITS", &big[1..], "all", None).await.status,
        201
    );
    assert_eq!(api.emu.secrets(ORG).len(), 1);
}

#[tokio::test]
async fn the_101st_secret_is_refused() {
    let api = Api::start();
    for i in 0..100 {
        assert_eq!(
            api.put(&format!("S{i}"), b"v", "all", None).await.status,
            201
        );
    }
    assert_eq!(api.put("S100", b"v", "all", None).await.status, 422);
    assert_eq!(
        api.put("S7", b"again", "all", None).await.status,
        204,
        "updates still work"
    );
}

#[tokio::test]
async fn lists_paginate_with_total_count_and_link_headers() {
    let api = Api::start();
    for i in 0..5 {
        api.put(&format!("P{i}"), b"v", "all", None).await;
    }
    let first = api.call("GET", &format!("{S}?per_page=2"), None).await;
    assert_eq!(first.body["total_count"], 5);
    assert_eq!(first.body["secrets"].as_array().unwrap().len(), 2);
    let link = first.headers["link"].to_str().unwrap().to_string();
    assert!(
        link.contains("page=2>; rel=\"next\"") && link.contains("page=3>; rel=\"last\""),
        "{link}"
    );
    let last = api
        .call("GET", &format!("{S}?per_page=2&page=3"), None)
        .await;
    assert_eq!(last.body["secrets"][0]["name"], "P4");
    let repos = api.call("GET", "/orgs/acme/repos?per_page=5", None).await;
    assert_eq!(repos.body.as_array().unwrap().len(), 5);
    assert!(repos.headers.contains_key("link"));
}

#[tokio::test]
async fn authentication_and_user_agent_are_required() {
    let api = Api::start();
    let none = api.call_with("GET", S, None, &[("user-agent", "t")]).await;
    assert_eq!(
        (none.status, none.body["message"].as_str()),
        (401, Some("Requires authentication"))
    );
    let wrong = api
        .call_with(
            "GET",
            S,
            None,
            &[("user-agent", "t"), ("authorization", "Bearer nope")],
        )
        .await;
    assert_eq!(
        (wrong.status, wrong.body["message"].as_str()),
        (401, Some("Bad credentials"))
    );
    let token_scheme = api
        .call_with(
            "GET",
            S,
            None,
            &[
                ("user-agent", "t"),
                ("authorization", &format!("token {TOKEN}")),
            ],
        )
        .await;
    assert_eq!(token_scheme.status, 200);
    // reqwest sends no User-Agent unless told to.
    let no_ua = api
        .call_with(
            "GET",
            S,
            None,
            &[("authorization", &format!("Bearer {TOKEN}"))],
        )
        .await;
    assert_eq!(no_ua.status, 403);
}

#[tokio::test]
async fn rate_limit_headers_count_down_and_etags_give_304() {
    let api = Api::start();
    let a = api.call("GET", S, None).await;
    let b = api.call("GET", S, None).await;
    let remaining = |r: &common::Reply| {
        r.headers["x-ratelimit-remaining"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
    };
    assert_eq!(remaining(&a), remaining(&b) + 1);
    assert_eq!(b.headers["x-ratelimit-limit"], "5000");
    let etag = a.headers["etag"].to_str().unwrap().to_string();
    let auth = format!("Bearer {TOKEN}");
    let headers = [
        ("user-agent", "t"),
        ("authorization", auth.as_str()),
        ("if-none-match", etag.as_str()),
    ];
    let cached = api.call_with("GET", S, None, &headers).await;
    assert_eq!(cached.status, 304);
    api.put("NEW", b"v", "all", None).await;
    let changed = api.call_with("GET", S, None, &headers).await;
    assert_eq!(changed.status, 200);
}

#[tokio::test]
async fn updated_at_moves_on_every_put_and_omitted_ids_clear_grants() {
    let api = Api::start();
    let ids = api.repo_ids();
    api.put("G", b"v", "selected", Some(vec![ids[0], ids[1]]))
        .await;
    let first = api.emu.secret(ORG, "G").unwrap();
    api.put("G", b"v", "selected", None).await;
    let second = api.emu.secret(ORG, "G").unwrap();
    assert!(
        second.updated_at > first.updated_at,
        "{} then {}",
        first.updated_at,
        second.updated_at
    );
    assert_eq!(second.created_at, first.created_at);
    assert!(
        second.selected_repository_ids.is_empty(),
        "GitHub clears grants on a PUT without ids"
    );
    let add = api
        .call("PUT", &format!("{S}/G/repositories/{}", ids[2]), None)
        .await;
    assert_eq!(add.status, 204);
    assert_eq!(
        api.emu.secret(ORG, "G").unwrap().updated_at,
        second.updated_at,
        "grants do not move updated_at"
    );
}

#[tokio::test]
async fn faults_are_served_and_consumed() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        server_errors: 2,
        ..Faults::default()
    });
    assert!(api.call("GET", S, None).await.status >= 500);
    assert!(api.call("GET", S, None).await.status >= 500);
    assert_eq!(api.call("GET", S, None).await.status, 200);
    api.emu.set_faults(Faults {
        rate_limited: 1,
        retry_after_secs: 3,
        ..Faults::default()
    });
    let r = api.call("GET", S, None).await;
    assert_eq!(
        (r.status, r.headers["retry-after"].to_str().unwrap()),
        (429, "3")
    );
    api.emu.set_faults(Faults {
        secondary_limited: 1,
        retry_after_secs: 1,
        ..Faults::default()
    });
    let r = api.call("GET", S, None).await;
    assert_eq!(r.status, 403);
    assert!(r.body["message"]
        .as_str()
        .unwrap()
        .contains("secondary rate limit"));
    let until = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 600;
    api.emu.set_faults(Faults {
        exhausted_until: Some(until),
        ..Faults::default()
    });
    let r = api.call("GET", S, None).await;
    assert_eq!(
        (
            r.status,
            r.headers["x-ratelimit-remaining"].to_str().unwrap()
        ),
        (403, "0")
    );
    assert_eq!(
        r.headers["x-ratelimit-reset"].to_str().unwrap(),
        until.to_string()
    );
    api.emu.set_faults(Faults {
        read_after_write_lag: 2,
        ..Faults::default()
    });
    api.put("LAGGY", b"v", "all", None).await;
    assert_eq!(
        api.call("GET", &format!("{S}/LAGGY"), None).await.status,
        404
    );
    assert_eq!(
        api.call("GET", &format!("{S}/LAGGY"), None).await.status,
        404
    );
    assert_eq!(
        api.call("GET", &format!("{S}/LAGGY"), None).await.status,
        200
    );
}

#[tokio::test]
async fn requests_are_counted_by_route_and_edits_outside_are_visible() {
    let api = Api::start();
    api.call("GET", S, None).await;
    api.call("GET", &format!("{S}/public-key"), None).await;
    api.call("GET", &format!("{S}/X"), None).await;
    assert_eq!(api.emu.count("GET /orgs/{org}/codespaces/secrets"), 1);
    assert_eq!(
        api.emu
            .count("GET /orgs/{org}/codespaces/secrets/public-key"),
        1
    );
    assert_eq!(
        api.emu
            .count("GET /orgs/{org}/codespaces/secrets/{secret_name}"),
        1
    );
    assert_eq!(api.emu.writes(), 0);
    let id = api.repo_ids()[4];
    api.emu
        .put_secret_outside(ORG, "HAND", b"typed", "selected", &[id]);
    let got = api.call("GET", &format!("{S}/HAND"), None).await;
    assert_eq!(got.body["visibility"], "selected");
    assert!(api.emu.remove_repository_outside(ORG, "HAND", id));
    assert!(api
        .emu
        .secret(ORG, "HAND")
        .unwrap()
        .selected_repository_ids
        .is_empty());
    let (old_key, _) = api.emu.public_key(ORG).unwrap();
    let (stale, _) = api.seal(b"v");
    api.emu.rotate_public_key(ORG);
    assert_ne!(api.emu.public_key(ORG).unwrap().0, old_key);
    let r = api
        .call(
            "PUT",
            &format!("{S}/ROT"),
            Some(json!({"encrypted_value": stale, "key_id": old_key, "visibility": "all"})),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(api.emu.delete_secret_outside(ORG, "HAND"));
}

#[tokio::test]
async fn a_path_prefix_serves_the_api_like_github_enterprise() {
    let api = Api::with(EmulatorConfig {
        path_prefix: "/api/v3".into(),
        ..EmulatorConfig::default()
    });
    assert!(api.emu.base_url().ends_with("/api/v3"));
    assert_eq!(api.call("GET", S, None).await.status, 200);
    assert_eq!(api.emu.count("GET /orgs/{org}/codespaces/secrets"), 1);
}

#[test]
fn fixtures_configure_orgs_and_tokens() {
    let c = EmulatorConfig::from_fixture_json(r#"{"orgs": ["a", "b"], "tokens": ["x"]}"#).unwrap();
    assert_eq!(
        (c.orgs.len(), c.tokens[0].as_str(), c.repos_per_org),
        (2, "x", 12)
    );
    assert!(EmulatorConfig::from_fixture_json("{").is_err());
    let c = EmulatorConfig::from_fixture_json(
        r#"{"user": "mona", "user_repos": ["a", "b"], "limited_tokens": ["r"]}"#,
    )
    .unwrap();
    assert_eq!((c.user.as_str(), c.user_repos.len()), ("mona", 2));
    assert_eq!(c.limited_tokens, ["r"]);
    let defaults = EmulatorConfig::from_fixture_json("{}").unwrap();
    assert_eq!(defaults, EmulatorConfig::default());
}

#[test]
fn the_binary_prints_its_base_url_first() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_github-emulator"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--org",
            "acme",
            "--token",
            "T",
            "--path-prefix",
            "/api/v3",
            "--user",
            "mona",
            "--user-repo",
            "notes",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().to_string();
    let ok = std::net::TcpStream::connect(
        url.trim_start_matches("http://")
            .trim_end_matches("/api/v3"),
    )
    .is_ok();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/api/v3"),
        "{url}"
    );
    assert!(
        ok,
        "the emulator accepts connections once it has printed its URL"
    );
}
