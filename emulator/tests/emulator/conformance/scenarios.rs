//! What the conformance test asks of each scope: every operation, answered with success and
//! with the errors GitHub documents (and a few it answers without documenting them).

use super::Checker;
use crate::common::{repo_home, secrets_path, user_home, Api, ORG};
use github_emulator::AppInfo;
use serde_json::json;

/// The organization's secrets, their repositories, and the repository look-ups.
pub async fn organization(api: &Api, c: &mut Checker) {
    let ids = api.repo_ids();
    let secrets = format!("/orgs/{ORG}/codespaces/secrets");

    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("DB", b"v", "selected", Some(vec![ids[0]])).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("DB", b"w", "selected", Some(vec![ids[0]])).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("bad-name", b"w", "all", None).await,
    );
    api.put("OPEN", b"v", "all", None).await;
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets",
        &api.call("GET", &secrets, None).await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/public-key",
        &api.call("GET", &format!("{secrets}/public-key"), None)
            .await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("GET", &format!("{secrets}/db"), None).await,
    );
    let repos = format!("{secrets}/DB/repositories");
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("GET", &repos, None).await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("GET", &format!("{secrets}/NOPE/repositories"), None)
            .await,
    );
    let set = serde_json::json!({"selected_repository_ids": [ids[1], ids[2]]});
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("PUT", &repos, Some(set.clone())).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("PUT", &format!("{secrets}/OPEN/repositories"), Some(set))
            .await,
    );
    let one = format!("{repos}/{}", ids[3]);
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("PUT", &one, None).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("PUT", &format!("{repos}/1"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("DELETE", &one, None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call(
            "DELETE",
            &format!("{secrets}/OPEN/repositories/{}", ids[0]),
            None,
        )
        .await,
    );
    c.conforms(
        "GET /repos/{owner}/{repo}",
        &api.call("GET", &format!("/repos/{ORG}/api"), None).await,
    );
    c.conforms(
        "GET /repos/{owner}/{repo}",
        &api.call("GET", &format!("/repos/{ORG}/missing"), None)
            .await,
    );
    c.conforms(
        "GET /orgs/{org}/repos",
        &api.call("GET", &format!("/orgs/{ORG}/repos"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("DELETE", &format!("{secrets}/DB"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("DELETE", &format!("{secrets}/DB"), None).await,
    );
}

/// A repository's secrets.
pub async fn repository(api: &Api, c: &mut Checker) {
    let home = repo_home();
    let root = secrets_path(&home);
    const PUT: &str = "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}";
    const ONE: &str = "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}";
    c.conforms(PUT, &api.put_in(&home, "DB", b"v", json!({})).await);
    c.conforms(PUT, &api.put_in(&home, "db", b"w", json!({})).await);
    c.conforms_as_error(PUT, &api.put_in(&home, "bad-name", b"w", json!({})).await);
    c.conforms(
        "GET /repos/{owner}/{repo}/codespaces/secrets",
        &api.call("GET", &root, None).await,
    );
    c.conforms_as_error(
        "GET /repos/{owner}/{repo}/codespaces/secrets",
        &api.call("GET", "/repos/acme/missing/codespaces/secrets", None)
            .await,
    );
    c.conforms(
        "GET /repos/{owner}/{repo}/codespaces/secrets/public-key",
        &api.call("GET", &format!("{root}/public-key"), None).await,
    );
    let get = format!("GET {ONE}");
    c.conforms(&get, &api.call("GET", &format!("{root}/Db"), None).await);
    c.conforms_as_error(&get, &api.call("GET", &format!("{root}/NOPE"), None).await);
    let delete = format!("DELETE {ONE}");
    c.conforms(
        &delete,
        &api.call("DELETE", &format!("{root}/DB"), None).await,
    );
    c.conforms_as_error(
        &delete,
        &api.call("DELETE", &format!("{root}/DB"), None).await,
    );
}

/// The user's secrets and their repositories, and what a GitHub App is answered there.
pub async fn user(api: &Api, c: &mut Checker, app: &AppInfo) {
    let home = user_home();
    let root = secrets_path(&home);
    let ids = api.repo_ids();
    let strangers = api.emu.add_repository("elsewhere-user", "x", true);
    assert!(strangers.is_err(), "no such account");
    const PUT: &str = "PUT /user/codespaces/secrets/{secret_name}";
    let granted = json!({"selected_repository_ids": [ids[0]]});
    c.conforms(PUT, &api.put_in(&home, "DB", b"v", granted.clone()).await);
    c.conforms(PUT, &api.put_in(&home, "db", b"w", granted).await);
    c.conforms(PUT, &api.put_in(&home, "bad-name", b"w", json!({})).await);
    let unreachable = json!({"selected_repository_ids": [1]});
    c.conforms(PUT, &api.put_in(&home, "DB", b"w", unreachable).await);
    c.conforms(
        "GET /user/codespaces/secrets",
        &api.call("GET", &root, None).await,
    );
    c.conforms(
        "GET /user/codespaces/secrets/public-key",
        &api.call("GET", &format!("{root}/public-key"), None).await,
    );
    let get = "GET /user/codespaces/secrets/{secret_name}";
    c.conforms(get, &api.call("GET", &format!("{root}/Db"), None).await);
    c.conforms_as_error(get, &api.call("GET", &format!("{root}/NOPE"), None).await);

    let repos = format!("{root}/DB/repositories");
    let list = "GET /user/codespaces/secrets/{secret_name}/repositories";
    c.conforms(list, &api.call("GET", &repos, None).await);
    let missing = format!("{root}/NOPE/repositories");
    c.conforms(list, &api.call("GET", &missing, None).await);
    let anonymous = api
        .call_with("GET", &repos, None, &[("user-agent", "t")])
        .await;
    c.conforms(list, &anonymous);
    let token = crate::apps::installation_token(api, app).await;
    c.conforms(list, &api.call_as(&token, "GET", &repos, None).await);
    c.conforms_as_error(
        "GET /user/codespaces/secrets",
        &api.call_as(&token, "GET", &root, None).await,
    );

    let set = "PUT /user/codespaces/secrets/{secret_name}/repositories";
    let body = |ids: Vec<i64>| Some(json!({ "selected_repository_ids": ids }));
    c.conforms(
        set,
        &api.call("PUT", &repos, body(vec![ids[1], ids[2]])).await,
    );
    c.conforms(set, &api.call("PUT", &repos, body(vec![1])).await);
    let one = "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}";
    let (add, remove) = (format!("PUT {one}"), format!("DELETE {one}"));
    c.conforms(
        &add,
        &api.call("PUT", &format!("{repos}/{}", ids[3]), None).await,
    );
    c.conforms(&add, &api.call("PUT", &format!("{repos}/1"), None).await);
    c.conforms(
        &remove,
        &api.call("DELETE", &format!("{repos}/{}", ids[3]), None)
            .await,
    );
    c.conforms(
        &remove,
        &api.call("DELETE", &format!("{missing}/{}", ids[3]), None)
            .await,
    );

    let delete = "DELETE /user/codespaces/secrets/{secret_name}";
    c.conforms(
        delete,
        &api.call("DELETE", &format!("{root}/DB"), None).await,
    );
    c.conforms_as_error(
        delete,
        &api.call("DELETE", &format!("{root}/DB"), None).await,
    );
}
