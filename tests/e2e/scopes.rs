//! What repository and user secrets share with organization secrets, through a real
//! Terraform: bad input refused at plan with nothing written (GitHub's rules, a repository
//! that cannot be named, two resources for one secret, a name taken in GitHub with the
//! `import` block to paste), and a refresh at the API floor: one listing per repository and
//! one for the user, plus one repository list per user secret whose grants are managed.

use crate::common::{emulator, repo_id, say, Tf, ORG};
use github_emulator::Home;

#[test]
fn bad_input_is_refused_at_plan_and_nothing_is_written() {
    let emu = emulator();
    emu.put_secret_outside(Home::repo(ORG, "api"), "TAKEN", b"x", "", &[]);
    emu.put_secret_outside(Home::user(emu.user()), "MINE", b"x", "", &[]);
    let repo =
        |body: &str| format!("resource \"codespaces_repository_secret\" \"s\" {{\n{body}\n}}\n");
    let user = |body: &str| format!("resource \"codespaces_user_secret\" \"s\" {{\n{body}\n}}\n");
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "a repository that could climb the path",
            repo("repository = \"acme/..\"\nsecret_name = \"A\"\nvalue = \"v\""),
            &["Invalid repository", "is not a repository name"],
        ),
        (
            "a name GitHub reserves",
            repo("repository = \"api\"\nsecret_name = \"GITHUB_X\"\nvalue = \"v\""),
            &["GITHUB_ prefix"],
        ),
        (
            "two values",
            user("secret_name = \"A\"\nvalue = \"v\"\nvalue_wo = \"w\""),
            &["Conflicting secret values"],
        ),
        (
            "no value for a new secret",
            user("secret_name = \"A\""),
            &["Missing secret value", "import"],
        ),
        (
            "a bad repository ID",
            user("secret_name = \"A\"\nvalue = \"v\"\nselected_repository_ids = [-3]"),
            &["Invalid repository ID"],
        ),
        (
            "a visibility on a repository secret",
            repo("repository = \"api\"\nsecret_name = \"A\"\nvalue = \"v\"\nvisibility = \"all\""),
            &["visibility"],
        ),
        (
            "one secret named by two spellings of its repository",
            format!(
                "{}resource \"codespaces_repository_secret\" \"t\" {{\n  repository = \"ACME/api\"\n  secret_name = \"a\"\n  value = \"w\"\n}}\n",
                repo("repository = \"api\"\nsecret_name = \"A\"\nvalue = \"v\"")
            ),
            &["Two resources manage one secret", "secret A of repository"],
        ),
        (
            "a repository secret's name taken in GitHub",
            repo("repository = \"acme/api\"\nsecret_name = \"taken\"\nvalue = \"v\""),
            &["Secret already exists", "id = \"acme/api/TAKEN\""],
        ),
        (
            "a user secret's name taken in GitHub",
            user("secret_name = \"mine\"\nvalue = \"v\""),
            &["Secret already exists", "token's user", "id = \"MINE\""],
        ),
        (
            "a grant of a user secret that does not exist",
            "resource \"codespaces_user_secret_repository\" \"g\" {\n  secret_name = \"NOPE\"\n  repository_id = 7\n}\n".to_string(),
            &["Secret does not exist", "the token's user", "codespaces_user_secret.NAME.secret_name"],
        ),
        (
            "a repository that does not exist",
            "data \"codespaces_repository_secrets\" \"x\" {\n  repository = \"nope\"\n}\n".to_string(),
            &["Could not list the secrets of repository \"acme/nope\"", "HTTP 404", "`repository` argument"],
        ),
    ];
    for (what, config, expected) in cases {
        Tf::against(&emu).refused_at_plan(what, &config, expected);
    }

    // A repository named without an owner, and a provider without one.
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_TOKEN", crate::common::TOKEN);
    tf.config(&repo(
        "repository = \"api\"\nsecret_name = \"A\"\nvalue = \"v\"",
    ));
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(
        !r.ok()
            && r.folded().contains("Repository without an owner")
            && r.folded().contains("`OWNER/api`"),
        "{}",
        r.text()
    );
    assert_eq!(
        emu.writes(),
        0,
        "nothing reached GitHub: {:?}",
        emu.requests()
    );
}

/// 20 repository secrets in 4 repositories, and 10 user secrets with 30 grants (20 by grant
/// resources, 10 in `selected_repository_ids`).
fn twenty_and_ten(repos: &[&str], ids: &[i64]) -> String {
    let mut config = String::new();
    for (r, repo) in repos.iter().enumerate() {
        for i in 0..5 {
            config.push_str(&format!(
                "resource \"codespaces_repository_secret\" \"r{r}_{i}\" {{\n  repository  = \"{repo}\"\n  secret_name = \"S{i}\"\n  value       = \"v\"\n}}\n"
            ));
        }
    }
    for u in 0..10 {
        let managed = if u < 5 {
            format!("  selected_repository_ids = [{}, {}]\n", ids[u], ids[u + 1])
        } else {
            String::new()
        };
        config.push_str(&format!(
            "resource \"codespaces_user_secret\" \"u{u}\" {{\n  secret_name = \"U{u}\"\n  value       = \"v\"\n{managed}}}\n"
        ));
        if u >= 5 {
            for g in 0..4 {
                config.push_str(&format!(
                    "resource \"codespaces_user_secret_repository\" \"u{u}_{g}\" {{\n  secret_name   = codespaces_user_secret.u{u}.secret_name\n  repository_id = {}\n}}\n",
                    ids[g + u - 5]
                ));
            }
        }
    }
    config
}

#[test]
fn a_no_change_plan_of_repository_and_user_secrets_costs_the_floor() {
    let emu = emulator();
    let repos = ["api", "acme/web", "docs", "acme/infra"];
    let ids: Vec<i64> = [
        "api", "web", "docs", "infra", "billing", "mobile", "search", "auth",
    ]
    .iter()
    .map(|n| repo_id(&emu, n))
    .collect();
    let tf = Tf::against(&emu);
    tf.config(&twenty_and_ten(&repos, &ids));
    tf.apply();
    let me = Home::user(emu.user());
    assert_eq!(emu.secrets(me.clone()).len(), 10);
    let granted: usize = emu
        .secrets(me)
        .iter()
        .map(|s| s.selected_repository_ids.len())
        .sum();
    assert_eq!(granted, 30);

    emu.reset_counts();
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);
    let requests = emu.requests();
    let routes: Vec<String> = requests.iter().map(|r| r.path.clone()).collect();
    let listings = emu.count("GET /repos/{owner}/{repo}/codespaces/secrets");
    let user = emu.count("GET /user/codespaces/secrets");
    let grants = emu.count("GET /user/codespaces/secrets/{secret_name}/repositories");
    say(&format!(
        "API requests for a no-change plan of 20 repository secrets in 4 repositories and 10 \
         user secrets with 30 grants: {} ({listings} repository listings, {user} user listing, \
         {grants} repository lists of user secrets)",
        requests.len()
    ));
    assert_eq!((listings, user, grants), (4, 1, 10), "{routes:?}");
    assert!(requests.len() <= 4 + 1 + 10, "{routes:?}");
}
