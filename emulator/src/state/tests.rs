use super::*;

fn world() -> World {
    let mut w = World::new(&["acme".into()], 3);
    w.add_user("octocat", &["acme".into()], &["dotfiles".into()]);
    w
}

fn body(w: &World, home: &Home, vis: &str, ids: Option<Vec<i64>>) -> PutBody {
    let vault = w.vault(home).unwrap();
    PutBody {
        encrypted_value: vault.seal(b"v"),
        key_id: Some(vault.public_key().0),
        visibility: Some(vis.into()),
        selected_repository_ids: ids.map(|ids| ids.into_iter().map(RepoId::Number).collect()),
    }
}

#[test]
fn names_follow_githubs_rules() {
    assert!(valid_secret_name("DB_PASSWORD"));
    assert!(valid_secret_name("_x"));
    assert!(!valid_secret_name("1X"));
    assert!(!valid_secret_name("github_token"));
    assert!(!valid_secret_name("a-b"));
}

#[test]
fn the_clock_moves_on_every_write() {
    let mut w = world();
    let (a, b) = (w.tick(), w.tick());
    assert!(b > a);
}

#[test]
fn organization_put_rules() {
    let mut w = world();
    let org = Home::org("acme");
    let put = |w: &mut World, name: &str, vis: &str, ids: Option<Vec<i64>>| {
        let b = body(w, &org, vis, ids);
        w.put_secret(&org, name, b).map_err(|r| r.status)
    };
    assert_eq!(put(&mut w, "db", "all", None), Ok(true));
    assert_eq!(put(&mut w, "DB", "all", None), Ok(false));
    assert_eq!(put(&mut w, "x", "all", Some(vec![])), Err(422));
    assert_eq!(put(&mut w, "x", "bogus", None), Err(422));
    assert_eq!(put(&mut w, "x", "selected", Some(vec![5])), Err(422));
    let b = body(&w, &org, "all", None);
    let status = w.put_secret(&Home::org("nope"), "x", b).unwrap_err().status;
    assert_eq!(status, 404);
    assert_eq!(w.secret(&Home::org("ACME"), "Db").unwrap().plaintext, b"v");
}

#[test]
fn each_home_opens_only_boxes_sealed_for_its_own_key() {
    let mut w = world();
    let homes = [
        Home::org("acme"),
        Home::repo("acme", "api"),
        Home::user("octocat"),
    ];
    let keys: Vec<String> = homes
        .iter()
        .map(|h| w.vault(h).unwrap().public_key().1)
        .collect();
    assert!(keys[0] != keys[1] && keys[1] != keys[2] && keys[0] != keys[2]);
    for (i, home) in homes.iter().enumerate() {
        let other = &homes[(i + 1) % 3];
        let mut sealed_elsewhere = body(&w, other, "all", None);
        sealed_elsewhere.key_id = Some(w.vault(home).unwrap().public_key().0);
        assert_eq!(
            w.put_secret(home, "X", sealed_elsewhere)
                .unwrap_err()
                .status,
            422
        );
        let own = body(&w, home, "all", None);
        assert_eq!(w.put_secret(home, "x", own), Ok(true), "{home}");
        assert_eq!(w.secret(home, "X").unwrap().plaintext, b"v");
    }
}

#[test]
fn user_grants_reach_the_users_and_its_organizations_repositories() {
    let mut w = world();
    let me = Home::user("octocat");
    let dotfiles = w.account("octocat").unwrap().repos[0].id;
    let api = w.account("acme").unwrap().repos[0].id;
    w.add_user("hubot", &[], &["private-notes".into()]);
    let theirs = w.account("hubot").unwrap().repos[0].id;
    let b = body(&w, &me, "", Some(vec![dotfiles, api]));
    assert_eq!(w.put_secret(&me, "TOKEN", b), Ok(true));
    assert_eq!(w.secret(&me, "token").unwrap().visibility, "selected");
    let b = body(&w, &me, "", Some(vec![theirs]));
    assert_eq!(w.put_secret(&me, "TOKEN", b).unwrap_err().status, 422);
    assert_eq!(w.add_grant(&me, "TOKEN", theirs).unwrap_err().status, 404);
    assert_eq!(w.set_grants(&me, "TOKEN", &[api]), Ok(()));
    let granted: Vec<i64> = w
        .granted(&me, "TOKEN")
        .unwrap()
        .iter()
        .map(|(_, r)| r.id)
        .collect();
    assert_eq!(granted, [api]);
    assert_eq!(w.remove_grant(&me, "TOKEN", api), Ok(true));
}
