//! Faults for resilience tests, over HTTP: a lost answer is carried out then answered 502,
//! writes repeated after a lost answer change nothing, GitHub's secondary limits refuse with
//! 403 and `Retry-After`, and every refusal is tallied.

use std::time::Duration;

use crate::common::{Api, ORG};
use github_emulator::{FaultStats, Faults, SecondaryLimits};

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
    api.emu.set_faults(Faults {
        secondary_limits: Some(SecondaryLimits {
            points: 10,
            window: Duration::from_secs(30),
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    });
    assert_eq!(api.put("A", b"v", "all", None).await.status, 201);
    assert_eq!(api.put("B", b"v", "all", None).await.status, 201);
    let refused = api.put("C", b"v", "all", None).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body["message"]
        .as_str()
        .unwrap()
        .contains("You have exceeded a secondary rate limit"));
    let wait: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
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
