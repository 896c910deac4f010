//! Who reaches what, in the repository and user scopes: a user secret may be granted the
//! repositories its user reaches (its own and its organizations'), another user's token sees
//! that user's secrets only, and a token with the `repo` scope alone reaches repository
//! secrets but is refused organization and user secrets, naming the scopes they accept.

use crate::common::{repo_home, secrets_path, user_home, Api, ORG, USER};
use github_emulator::{EmulatorConfig, Home, UserSpec};
use serde_json::json;

#[tokio::test]
async fn user_secrets_are_granted_repositories_the_user_reaches() {
    let api = Api::start();
    let org_repo = api.repo_ids()[0];
    let dotfiles = api.emu.repository(USER, "dotfiles").unwrap().id;
    api.emu.add_user(UserSpec {
        login: "hubot".into(),
        tokens: vec!["hubot-token".into()],
        repos: vec!["private-notes".into()],
        ..UserSpec::default()
    });
    let theirs = api.emu.repository("hubot", "private-notes").unwrap().id;
    let path = "/user/codespaces/secrets/TOKEN";
    let me = user_home();
    let put = |ids: serde_json::Value| {
        let body = json!({ "selected_repository_ids": ids });
        api.put_in(&me, "TOKEN", b"v", body)
    };
    let strings = json!([org_repo, dotfiles.to_string()]);
    assert_eq!(put(strings).await.status, 201, "ids may be strings");
    let granted = &api
        .emu
        .secret(user_home(), "token")
        .unwrap()
        .selected_repository_ids;
    assert_eq!(
        granted.iter().copied().collect::<Vec<_>>(),
        [org_repo, dotfiles]
    );
    assert_eq!(
        put(json!([theirs])).await.status,
        422,
        "not the user's to grant"
    );
    let listed = api.call("GET", &format!("{path}/repositories"), None).await;
    assert_eq!(listed.body["total_count"], 2);
    assert_eq!(
        listed.body["repositories"][1]["full_name"],
        "octocat/dotfiles"
    );
    assert_eq!(listed.body["repositories"][1]["owner"]["type"], "User");
    let set = json!({"selected_repository_ids": [dotfiles]});
    let r = api
        .call("PUT", &format!("{path}/repositories"), Some(set))
        .await;
    assert_eq!(r.status, 204);
    let set = json!({"selected_repository_ids": [dotfiles, theirs]});
    let r = api
        .call("PUT", &format!("{path}/repositories"), Some(set))
        .await;
    assert_eq!(r.status, 404, "GitHub documents 404 here");
    let one = |id: i64| format!("{path}/repositories/{id}");
    assert_eq!(api.call("PUT", &one(org_repo), None).await.status, 204);
    assert_eq!(api.call("PUT", &one(theirs), None).await.status, 404);
    assert_eq!(api.call("DELETE", &one(dotfiles), None).await.status, 204);
    assert_eq!(
        api.call("DELETE", &one(dotfiles), None).await.status,
        204,
        "again"
    );
    let granted = &api
        .emu
        .secret(user_home(), "TOKEN")
        .unwrap()
        .selected_repository_ids;
    assert_eq!(granted.iter().copied().collect::<Vec<_>>(), [org_repo]);
    let missing = api
        .call("GET", "/user/codespaces/secrets/NOPE/repositories", None)
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(put(json!(null)).await.status, 204);
    let cleared = api.emu.secret(user_home(), "TOKEN").unwrap();
    assert!(
        cleared.selected_repository_ids.is_empty(),
        "a PUT without ids clears them"
    );
    // Another user's token sees that user's secrets only.
    let theirs_list = api
        .call_as("hubot-token", "GET", "/user/codespaces/secrets", None)
        .await;
    assert_eq!(theirs_list.body["total_count"], 0);
    let other_repo = "/repos/hubot/private-notes/codespaces/secrets";
    assert_eq!(
        api.call("GET", other_repo, None).await.status,
        404,
        "not reached"
    );
    let own = api.call_as("hubot-token", "GET", other_repo, None).await;
    assert_eq!(own.status, 200);
}

#[tokio::test]
async fn a_repo_only_token_reaches_repository_secrets_only() {
    let api = Api::with(EmulatorConfig {
        limited_tokens: vec!["repo-only".into()],
        ..EmulatorConfig::default()
    });
    let list = |path: String| {
        let api = &api;
        async move { api.call_as("repo-only", "GET", &path, None).await }
    };
    assert_eq!(list(secrets_path(&repo_home())).await.status, 200);
    for (home, accepted) in [
        (Home::org(ORG), "admin:org"),
        (user_home(), "codespace, codespace:secrets"),
    ] {
        let r = list(secrets_path(&home)).await;
        assert_eq!(r.status, 403, "{home}");
        assert_eq!(r.headers["x-oauth-scopes"], "repo");
        assert_eq!(r.headers["x-accepted-oauth-scopes"], accepted);
    }
    let full = api.call("GET", &secrets_path(&user_home()), None).await;
    assert_eq!(full.headers["x-oauth-scopes"], "admin:org, codespace, repo");
}
