//! A hostile server's misbehaviour, switched on per test, over HTTP: redirects (by method,
//! a number of times, to a path, an absolute URL or the request itself), bodies of any size
//! streamed without `Content-Length`, bad `next` links, connections closed without an
//! answer (nothing carried out), secondary limits that name no time, and faults on the App
//! endpoints too.

use crate::common;

use crate::common::{Api, ORG, TOKEN};
use github_emulator::{BadNext, Emulator, EmulatorConfig, Faults, Redirect};

const S: &str = "/orgs/acme/codespaces/secrets";

/// An API caller that sees redirects instead of following them.
fn unfollowing() -> Api {
    Api {
        emu: Emulator::start(EmulatorConfig::default()).unwrap(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
    }
}

fn location(reply: &common::Reply) -> &str {
    reply.headers["location"].to_str().unwrap()
}

#[tokio::test]
async fn redirects_answer_the_methods_and_times_switched_on() {
    let api = unfollowing();
    api.emu.set_faults(Faults {
        redirect: Some(Redirect {
            status: 303,
            location: Some(format!("{S}/public-key")),
            methods: vec!["PUT".into()],
            times: Some(1),
        }),
        ..Faults::default()
    });
    assert_eq!(api.call("GET", S, None).await.status, 200, "not a PUT");
    let first = api.put("MOVED", b"v", "all", None).await;
    assert_eq!(
        (first.status, location(&first)),
        (303, &*format!("{S}/public-key"))
    );
    assert!(api.emu.secret(ORG, "MOVED").is_none(), "not carried out");
    assert_eq!(
        api.put("MOVED", b"v", "all", None).await.status,
        201,
        "once"
    );
    assert_eq!(api.emu.fault_stats().redirects, 1);

    // To the request itself (a loop), or to another origin.
    for (to, expected) in [
        (None, format!("{S}?per_page=5")),
        (
            Some("http://elsewhere.test/x".to_string()),
            "http://elsewhere.test/x".into(),
        ),
    ] {
        api.emu.set_faults(Faults {
            redirect: Some(Redirect {
                status: 302,
                location: to,
                methods: vec![],
                times: None,
            }),
            ..Faults::default()
        });
        let reply = api.call("GET", &format!("{S}?per_page=5"), None).await;
        assert_eq!((reply.status, location(&reply)), (302, expected.as_str()));
    }
}

#[tokio::test]
async fn a_huge_body_is_streamed_without_a_length() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        huge_body: Some(3 << 20),
        ..Faults::default()
    });
    let resp = api
        .http
        .get(format!("{}{S}", api.emu.base_url()))
        .bearer_auth(TOKEN)
        .header("user-agent", "tests")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert!(resp.content_length().is_none());
    let body = resp.bytes().await.unwrap();
    assert_eq!(body.len(), 3 << 20);
    assert!(body.starts_with(b"{\"secrets\":["));
}

#[tokio::test]
async fn bad_next_links_point_back_go_on_or_leave() {
    let api = Api::start();
    let next = |reply: &common::Reply| reply.headers["link"].to_str().unwrap().to_string();
    let cases = [
        (BadNext::Itself, format!("{S}?per_page=2&page=1>")),
        (BadNext::Endless, format!("{S}?per_page=2&page=2>")),
        (
            BadNext::Elsewhere("http://elsewhere.test".into()),
            format!("<http://elsewhere.test{S}?per_page=2&page=2>"),
        ),
    ];
    for (bad, ends) in cases {
        api.emu.set_faults(Faults {
            bad_next: Some(bad.clone()),
            ..Faults::default()
        });
        let reply = api
            .call("GET", &format!("{S}?per_page=2&page=1"), None)
            .await;
        let link = next(&reply);
        assert!(
            link.contains(&ends) && link.ends_with("rel=\"next\""),
            "{bad:?}: {link}"
        );
    }
}

#[tokio::test]
async fn a_hang_up_answers_nothing_and_carries_nothing_out() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        hang_ups: 1,
        ..Faults::default()
    });
    let (value, key_id) = api.seal(b"v");
    let sent = api
        .http
        .put(format!("{}{S}/DROPPED", api.emu.base_url()))
        .bearer_auth(TOKEN)
        .header("user-agent", "tests")
        .json(&serde_json::json!({"encrypted_value": value, "key_id": key_id, "visibility": "all"}))
        .send()
        .await;
    let read = match sent {
        Ok(resp) => resp.bytes().await.map(|_| ()),
        Err(e) => Err(e),
    };
    assert!(read.is_err(), "the connection was closed without an answer");
    assert!(api.emu.secret(ORG, "DROPPED").is_none());
    assert_eq!(api.emu.fault_stats().hang_ups, 1);
}

#[tokio::test]
async fn a_secondary_limit_can_name_no_time() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        secondary_limited: 1,
        retry_after_secs: 9,
        no_retry_after: true,
        ..Faults::default()
    });
    let reply = api.call("GET", S, None).await;
    assert_eq!(reply.status, 403);
    assert!(reply.headers.get("retry-after").is_none());
    assert!(reply.body["message"]
        .as_str()
        .unwrap()
        .contains("secondary rate limit"));
}

#[tokio::test]
async fn the_app_endpoints_get_faults_too() {
    let api = Api::start();
    let app = api.emu.app().unwrap();
    api.emu.set_faults(Faults {
        server_errors: 1,
        ..Faults::default()
    });
    let path = format!(
        "/app/installations/{}/access_tokens",
        app.installation_id.unwrap()
    );
    let reply = api
        .call_with("POST", &path, None, &[("user-agent", "tests")])
        .await;
    assert!(reply.status >= 500, "{}", reply.status);
    assert_eq!(api.emu.installation_tokens_issued(), 0);
}
