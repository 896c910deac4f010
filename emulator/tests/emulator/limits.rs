//! GitHub's content-creation limit, switched on per test: writes across every route and
//! scope share one budget per minute and per hour (the set-all repositories PUT is one
//! write), GETs never count, a refused write is carried out nowhere and answered GitHub's
//! secondary-limit 403 with `Retry-After`; and the per-route tally a benchmark reads.

use std::time::Duration;

use crate::common::{repo_home, secondary_limits, secrets_path, user_home, Api, ORG};
use github_emulator::{ContentCreation, Faults, RefusedBy, RouteTally};
use serde_json::json;

fn content(per_minute: u32) -> Faults {
    Faults {
        content_creation: Some(ContentCreation {
            per_minute,
            minute: Duration::from_secs(30),
            ..ContentCreation::default()
        }),
        ..Faults::default()
    }
}

#[tokio::test]
async fn writes_of_every_scope_share_the_content_creation_budget() {
    let api = Api::start();
    api.emu.set_faults(content(3));
    let ids = api.repo_ids();
    let grants = json!({ "selected_repository_ids": [ids[0]] });
    let org = github_emulator::Home::org(ORG);
    let created = api.put_in(&org, "A", b"v", json!({"visibility": "selected"}));
    assert_eq!(created.await.status, 201);
    assert_eq!(
        api.put_in(&user_home(), "B", b"v", json!({})).await.status,
        201
    );
    let set = "/user/codespaces/secrets/B/repositories";
    assert_eq!(api.call("PUT", set, Some(grants.clone())).await.status, 204);
    for home in [org, repo_home(), user_home()] {
        let list = api.call("GET", &secrets_path(&home), None).await;
        assert_eq!(list.status, 200, "GETs create no content");
    }
    let refused = api.put_in(&repo_home(), "C", b"v", json!({})).await;
    assert_eq!(refused.status, 403);
    let message = refused.body["message"].as_str().unwrap();
    assert!(message.contains("secondary rate limit") && message.contains("content creation"));
    let wait = refused.retry_after();
    assert!(
        (29..=30).contains(&wait),
        "seconds until the minute closes: {wait}"
    );
    assert!(
        api.emu.secret(repo_home(), "C").is_none(),
        "not carried out"
    );
    let again = api.call("PUT", set, Some(grants)).await;
    assert_eq!(again.status, 403, "the set-all PUT is a write too");
    assert_eq!(api.emu.fault_stats().refused_403, 2);

    let tally = api.emu.tally();
    let set_all = tally["PUT /user/codespaces/secrets/{secret_name}/repositories"];
    let expected = RouteTally {
        requests: 2,
        writes: 2,
        refused: 1,
        refused_content_creation: 1,
    };
    assert_eq!(set_all, expected);
    let whole: RouteTally = tally.values().copied().sum();
    assert_eq!((whole.requests, whole.writes, whole.refused), (8, 5, 2));
    let last = api.emu.requests().pop().unwrap();
    assert_eq!(last.refused, Some(RefusedBy::ContentCreation));
}

#[tokio::test]
async fn content_creation_and_per_endpoint_limits_hold_together() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        content_creation: content(3).content_creation,
        ..secondary_limits(10, 30)
    });
    let user = user_home();
    assert_eq!(api.put_in(&user, "A", b"v", json!({})).await.status, 201);
    assert_eq!(api.put_in(&user, "B", b"v", json!({})).await.status, 201);
    let per_endpoint = api.put_in(&user, "C", b"v", json!({})).await;
    assert_eq!(per_endpoint.status, 403, "10 points spent on the endpoint");
    assert_eq!(
        api.put_in(&repo_home(), "D", b"v", json!({})).await.status,
        201
    );
    let content = api.put_in(&repo_home(), "E", b"v", json!({})).await;
    assert_eq!(
        content.status, 403,
        "a refused write used none of the budget: 3 written"
    );
    let refused: Vec<Option<RefusedBy>> = api.emu.requests().iter().map(|r| r.refused).collect();
    assert_eq!(
        refused,
        [
            None,
            None,
            Some(RefusedBy::SecondaryLimit),
            None,
            Some(RefusedBy::ContentCreation)
        ]
    );
}
