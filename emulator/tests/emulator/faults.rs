//! Faults for resilience tests, over HTTP, on every scope's routes: a lost answer is carried
//! out then answered 502, a 5xx before the write carries nothing out, writes repeated after
//! a lost answer change nothing, 429 and GitHub's secondary limits refuse with 403 and
//! `Retry-After`, reads lag after a create, answers are held, and every refusal is tallied
//! and logged with the limit that refused it.

use std::time::Duration;

use crate::common::{repo_home, secondary_limits, secrets_path, user_home, Api, ORG, TOKEN};
use github_emulator::{FaultStats, Faults, RefusedBy, SecondaryLimits};
use serde_json::json;

const S: &str = "/orgs/acme/codespaces/secrets";

#[tokio::test]
async fn a_lost_answer_is_carried_out_and_a_repeat_changes_nothing() {
    let api = Api::start();
    let ids = api.repo_ids();
    api.emu.set_faults(Faults {
        lost_answers: 1,
        ..Faults::default()
    });
    assert_eq!(
        api.put("LOST", b"v1", "selected", Some(vec![]))
            .await
            .status,
        502
    );
    assert_eq!(
        api.emu.secret(ORG, "LOST").unwrap().plaintext,
        b"v1",
        "carried out"
    );
    assert_eq!(
        api.put("LOST", b"v1", "selected", Some(vec![]))
            .await
            .status,
        204,
        "the repeated create finds the secret"
    );
    let grant = format!("{S}/LOST/repositories/{}", ids[0]);
    for _ in 0..2 {
        assert_eq!(api.call("PUT", &grant, None).await.status, 204);
    }
    let granted = api.emu.secret(ORG, "LOST").unwrap().selected_repository_ids;
    assert_eq!(granted.into_iter().collect::<Vec<_>>(), [ids[0]]);
    for _ in 0..2 {
        assert_eq!(
            api.call("DELETE", &grant, None).await.status,
            204,
            "GitHub documents no other answer for a repository not selected"
        );
    }
    assert!(api
        .emu
        .secret(ORG, "LOST")
        .unwrap()
        .selected_repository_ids
        .is_empty());
    assert_eq!(api.emu.fault_stats().lost_answers, 1);
}

#[tokio::test]
async fn secondary_limits_refuse_with_retry_after_per_endpoint() {
    let api = Api::start();
    api.emu.set_faults(secondary_limits(10, 30));
    assert_eq!(api.put("A", b"v", "all", None).await.status, 201);
    assert_eq!(api.put("B", b"v", "all", None).await.status, 201);
    let refused = api.put("C", b"v", "all", None).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("You have exceeded a secondary rate limit"));
    let wait = refused.retry_after();
    assert!(
        (29..=30).contains(&wait),
        "seconds until the window closes: {wait}"
    );
    assert!(
        api.emu.secret(ORG, "C").is_none(),
        "a refused write is not carried out"
    );
    assert_eq!(
        api.call("GET", S, None).await.status,
        200,
        "GETs are another endpoint"
    );
    assert_eq!(
        api.emu.fault_stats(),
        FaultStats {
            refused_403: 1,
            ..FaultStats::default()
        }
    );
}

#[tokio::test]
async fn too_many_requests_in_flight_are_refused() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        latency_ms: 300,
        secondary_limits: Some(SecondaryLimits {
            max_concurrent: 2,
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    });
    let (a, b, c) = tokio::join!(
        api.call("GET", S, None),
        api.call("GET", S, None),
        api.call("GET", S, None)
    );
    let mut statuses = [a.status, b.status, c.status];
    statuses.sort();
    assert_eq!(statuses, [200, 200, 403]);
    assert_eq!(api.emu.fault_stats().refused_403, 1);
}

#[tokio::test]
async fn rates_are_drawn_from_the_seed_and_tallied() {
    let api = Api::start();
    let faults = Faults {
        server_error_per_mille: 300,
        rate_limited_per_mille: 300,
        lost_answer_per_mille: 300,
        retry_after_secs: 1,
        seed: 42,
        ..Faults::default()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        api.emu.set_faults(faults.clone());
        api.emu.reset_counts();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(api.call("GET", S, None).await.status);
        }
        runs.push((statuses, api.emu.fault_stats()));
    }
    assert_eq!(runs[0], runs[1], "the same seed, the same faults");
    let (statuses, stats) = &runs[0];
    let count = |s: u16| statuses.iter().filter(|x| **x == s).count() as u64;
    assert_eq!(count(429), stats.refused_429);
    assert_eq!(count(502), stats.server_errors + stats.lost_answers);
    assert!(stats.refused_429 > 0 && stats.server_errors > 0 && stats.lost_answers > 0);
}

#[tokio::test]
async fn faults_hit_repository_and_user_routes_as_they_hit_the_organizations() {
    let api = Api::start();
    for home in [repo_home(), user_home()] {
        let list = secrets_path(&home);
        api.emu.set_faults(Faults {
            server_errors: 1,
            ..Faults::default()
        });
        let r = api.put_in(&home, "BEFORE", b"v", json!({})).await;
        assert!(r.status >= 500, "{home}: {}", r.status);
        assert!(api.emu.secret(&home, "BEFORE").is_none(), "not carried out");
        api.emu.set_faults(Faults {
            lost_answers: 1,
            ..Faults::default()
        });
        assert_eq!(
            api.put_in(&home, "AFTER", b"v", json!({})).await.status,
            502
        );
        assert_eq!(api.emu.secret(&home, "AFTER").unwrap().plaintext, b"v");
        api.emu.set_faults(Faults {
            rate_limited: 1,
            secondary_limited: 1,
            retry_after_secs: 7,
            ..Faults::default()
        });
        let r = api.call("GET", &list, None).await;
        assert_eq!((r.status, r.retry_after()), (429, 7));
        let r = api.call("GET", &list, None).await;
        assert_eq!((r.status, r.retry_after()), (403, 7));
        api.emu.set_faults(Faults {
            read_after_write_lag: 2,
            ..Faults::default()
        });
        assert_eq!(
            api.put_in(&home, "LAGGING", b"v", json!({})).await.status,
            201
        );
        let get = format!("{list}/LAGGING");
        for expected in [404, 404, 200] {
            assert_eq!(api.call("GET", &get, None).await.status, expected, "{home}");
        }
    }
    let refused: Vec<(String, Option<RefusedBy>)> = api
        .emu
        .requests()
        .into_iter()
        .filter(|r| r.refused.is_some())
        .map(|r| (r.route, r.refused))
        .collect();
    assert_eq!(
        refused,
        [
            (
                "GET /repos/{owner}/{repo}/codespaces/secrets",
                RefusedBy::RateLimit
            ),
            (
                "GET /repos/{owner}/{repo}/codespaces/secrets",
                RefusedBy::SecondaryLimit
            ),
            ("GET /user/codespaces/secrets", RefusedBy::RateLimit),
            ("GET /user/codespaces/secrets", RefusedBy::SecondaryLimit),
        ]
        .map(|(route, by)| (route.to_string(), Some(by)))
    );
}

#[tokio::test]
async fn secondary_limits_count_points_per_endpoint_in_every_scope() {
    let api = Api::start();
    api.emu.set_faults(secondary_limits(10, 30));
    let user = user_home();
    assert_eq!(api.put_in(&user, "A", b"v", json!({})).await.status, 201);
    assert_eq!(api.put_in(&user, "B", b"v", json!({})).await.status, 201);
    let refused = api.put_in(&user, "C", b"v", json!({})).await;
    assert_eq!(refused.status, 403);
    assert!(api.emu.secret(&user, "C").is_none());
    let ids = api.repo_ids();
    let set = json!({ "selected_repository_ids": [ids[0], ids[1]] });
    let path = "/user/codespaces/secrets/A/repositories";
    assert_eq!(
        api.call("PUT", path, Some(set)).await.status,
        204,
        "another endpoint"
    );
    assert_eq!(
        api.put_in(&repo_home(), "C", b"v", json!({})).await.status,
        201,
        "another scope"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_held_user_secret_write_is_carried_out_before_its_answer() {
    let api = Api::start();
    let route = "PUT /user/codespaces/secrets/{secret_name}";
    api.emu.hold_answers(route);
    let (value, key_id) = api.seal_for(user_home(), b"held");
    let url = format!("{}/user/codespaces/secrets/HELD", api.emu.base_url());
    let request = api
        .http
        .put(url)
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("user-agent", "tests")
        .json(&json!({"encrypted_value": value, "key_id": key_id}));
    let answer = tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) });
    assert!(api.emu.wait_until_held(1, Duration::from_secs(10)));
    assert_eq!(
        api.emu.secret(user_home(), "HELD").unwrap().plaintext,
        b"held"
    );
    assert!(!answer.is_finished(), "the answer is held");
    api.emu.release_answers();
    assert_eq!(answer.await.unwrap().unwrap(), 201);
}
