//! A configuration of many `selected` organization secrets with grants, the check that
//! every value and grant of it arrived, and the count of the writes its grants took, for
//! the tests of applies at scale.

use std::collections::BTreeSet;

use super::{Tf, ORG};
use github_emulator::Emulator;

/// The set-all write of an organization secret's repositories.
pub const SET_ALL: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories";
/// One repository's grant, and its removal.
const ONE: [&str; 2] = [
    "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
    "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
];

/// The write requests the emulator received on the grant endpoints of organization secrets
/// (each try counted, failed and refused ones included).
pub fn grant_writes(emu: &Emulator) -> u64 {
    let routes = [SET_ALL, ONE[0], ONE[1]];
    emu.tally()
        .iter()
        .filter(|(route, _)| routes.contains(&route.as_str()))
        .map(|(_, t)| t.writes)
        .sum()
}

/// What each route received, for a failure's message.
pub fn tally(emu: &Emulator) -> String {
    format!("{:#?}", emu.tally())
}

/// `secrets` selected secrets `S{i}` (value `value-{i}`), each granted to the first `grants`
/// repositories through `codespaces_org_secret_repository`.
pub fn config(emu: &Emulator, secrets: usize, grants: usize) -> String {
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    let mut text = String::new();
    for i in 0..secrets {
        text.push_str(&format!(
            "resource \"codespaces_org_secret\" \"s{i}\" {{\n  secret_name = \"S{i}\"\n  value = \"value-{i}\"\n  visibility = \"selected\"\n}}\n"
        ));
        for (g, repo) in repos.iter().enumerate().take(grants) {
            text.push_str(&format!(
                "resource \"codespaces_org_secret_repository\" \"g{i}_{g}\" {{\n  secret_name = codespaces_org_secret.s{i}.secret_name\n  repository_id = {repo}\n}}\n"
            ));
        }
    }
    text
}

/// Every secret holds its configured value and exactly its grants, none twice, all in state.
pub fn check_everything_arrived(emu: &Emulator, tf: &Tf, secrets: usize, grants: usize) {
    let repos: BTreeSet<i64> = emu
        .repositories(ORG)
        .iter()
        .take(grants)
        .map(|r| r.id)
        .collect();
    let found = emu.secrets(ORG);
    assert_eq!(found.len(), secrets, "no secret missing or duplicated");
    for i in 0..secrets {
        let s = emu.secret(ORG, &format!("S{i}")).unwrap();
        assert_eq!(
            s.plaintext,
            format!("value-{i}").as_bytes(),
            "S{i} opens to its value"
        );
        assert_eq!(s.selected_repository_ids, repos, "S{i} lost no grant");
    }
    let state = tf.state();
    let count = |ty: &str| {
        state["resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["type"] == ty)
            .count()
    };
    assert_eq!(count("codespaces_org_secret"), secrets);
    assert_eq!(count("codespaces_org_secret_repository"), secrets * grants);
}
