//! The JSON GitHub answers with: secrets of each scope, error bodies, and repositories
//! (with the many URL fields GitHub's schema requires) with their owners.

use serde_json::{json, Map, Value as Json};

use crate::home::{Home, Scope};
use crate::state::{timestamp, Account, Refusal, Repo, StoredSecret};

/// Where error bodies off the secrets routes link.
const DOCS: &str = "https://docs.github.com/rest";

/// The path of `home`'s secrets list, under the API root.
pub(crate) fn secrets_path(home: &Home) -> String {
    match home {
        Home::Org(login) => format!("/orgs/{login}/codespaces/secrets"),
        Home::Repo { owner, repo } => format!("/repos/{owner}/{repo}/codespaces/secrets"),
        Home::User(_) => "/user/codespaces/secrets".to_string(),
    }
}

/// A secret as GitHub lists it in `home`'s scope: a repository secret has no visibility, a
/// user secret is always `selected`.
pub(crate) fn secret(base: &str, home: &Home, s: &StoredSecret) -> Json {
    let mut v = json!({
        "name": s.name,
        "created_at": timestamp(s.created_at),
        "updated_at": timestamp(s.updated_at),
    });
    if home.scope() != Scope::Repo {
        v["visibility"] = json!(s.visibility);
    }
    if s.visibility == "selected" {
        v["selected_repositories_url"] = json!(format!(
            "{base}{}/{}/repositories",
            secrets_path(home),
            s.name
        ));
    }
    v
}

/// The public key of a home.
pub(crate) fn public_key((key_id, key): (String, String)) -> Json {
    json!({ "key_id": key_id, "key": key })
}

/// An error body.
pub(crate) fn error(r: &Refusal) -> Json {
    let docs = r.scope.map_or(DOCS, Scope::docs);
    let mut v =
        json!({ "message": r.message, "documentation_url": docs, "status": r.status.to_string() });
    if !r.errors.is_empty() {
        let errors: Vec<Json> = r
            .errors
            .iter()
            .map(|m| json!({ "resource": "Secret", "code": "custom", "message": m }))
            .collect();
        v["errors"] = json!(errors);
    }
    v
}

fn owner(base: &str, account: &Account) -> Json {
    let (login, id) = (&account.login, account.id);
    let u = format!("{base}/users/{login}");
    json!({
        "login": login, "id": id, "node_id": format!("O_kgDO{id:08}"), "name": null, "email": null,
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"), "gravatar_id": "",
        "url": u, "html_url": format!("https://github.com/{login}"),
        "followers_url": format!("{u}/followers"), "following_url": format!("{u}/following{{/other_user}}"),
        "gists_url": format!("{u}/gists{{/gist_id}}"), "starred_url": format!("{u}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{u}/subscriptions"), "organizations_url": format!("{u}/orgs"),
        "repos_url": format!("{u}/repos"), "events_url": format!("{u}/events{{/privacy}}"),
        "received_events_url": format!("{u}/received_events"), "type": account.kind.as_str(),
        "site_admin": false, "user_view_type": "public",
    })
}

/// A repository: the "minimal repository" shape, or with `full` the extra fields of
/// `GET /repos/{owner}/{repo}`.
pub(crate) fn repository(base: &str, owner_account: &Account, r: &Repo, full: bool) -> Json {
    let full_name = format!("{}/{}", owner_account.login, r.name);
    let u = format!("{base}/repos/{full_name}");
    let html = format!("https://github.com/{full_name}");
    let mut m = Map::new();
    let templated = [
        ("archive_url", "/{archive_format}{/ref}"),
        ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"),
        ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"),
        ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"),
        ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"),
        ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"),
        ("downloads_url", "/downloads"),
        ("events_url", "/events"),
        ("forks_url", "/forks"),
        ("git_commits_url", "/git/commits{/sha}"),
        ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"),
        ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"),
        ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"),
        ("labels_url", "/labels{/name}"),
        ("languages_url", "/languages"),
        ("merges_url", "/merges"),
        ("milestones_url", "/milestones{/number}"),
        (
            "notifications_url",
            "/notifications{?since,all,participating}",
        ),
        ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"),
        ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"),
        ("subscribers_url", "/subscribers"),
        ("subscription_url", "/subscription"),
        ("tags_url", "/tags"),
        ("teams_url", "/teams"),
        ("trees_url", "/git/trees{/sha}"),
        ("hooks_url", "/hooks"),
    ];
    for (k, suffix) in templated {
        m.insert(k.into(), json!(format!("{u}{suffix}")));
    }
    let created = timestamp(1_600_000_000 + r.id % 10_000);
    let rest = json!({
        "id": r.id, "node_id": format!("R_kgDO{:08}", r.id), "name": r.name, "full_name": full_name,
        "owner": owner(base, owner_account), "private": r.private, "html_url": html, "description": null,
        "fork": false, "url": u, "git_url": format!("git://github.com/{full_name}.git"),
        "ssh_url": format!("git@github.com:{full_name}.git"), "clone_url": format!("{html}.git"),
        "svn_url": html, "mirror_url": null, "homepage": null, "language": null,
        "forks_count": 0, "stargazers_count": 0, "watchers_count": 0, "size": 0,
        "default_branch": "main", "open_issues_count": 0, "is_template": false, "topics": [],
        "has_issues": true, "has_projects": true, "has_wiki": true, "has_pages": false,
        "has_downloads": true, "has_discussions": false, "archived": false, "disabled": false,
        "visibility": if r.private { "private" } else { "public" },
        "pushed_at": created, "created_at": created, "updated_at": created,
        "permissions": {"admin": true, "maintain": true, "push": true, "triage": true, "pull": true},
        "allow_forking": true, "web_commit_signoff_required": false,
        "forks": 0, "open_issues": 0, "watchers": 0, "license": null,
    });
    if let Json::Object(o) = rest {
        m.extend(o);
    }
    if full {
        m.insert("network_count".into(), json!(0));
        m.insert("subscribers_count".into(), json!(0));
    }
    Json::Object(m)
}
