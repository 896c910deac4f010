//! Small things a user meets first: a token read from a file or the environment with
//! whitespace around it (`file("token.txt")` keeps the newline) is trimmed, never refused and
//! never logged; a `key_id` that is not GitHub's current public key says to read
//! `codespaces_org_public_key` again.

use base64::Engine;

use crate::common::{emulator, Tf, ORG, TOKEN};

fn secret(name: &str) -> String {
    format!(
        "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"{name}\"\n  value       = \"v\"\n  visibility  = \"all\"\n}}\n"
    )
}

#[test]
fn a_token_with_whitespace_around_it_is_trimmed() {
    let emu = emulator();
    let from_env = Tf::against_as(&emu, &format!("{TOKEN}\n"));
    from_env.config(&secret("FROM_ENV"));
    from_env.apply();

    let from_file = Tf::against_as(&emu, "").env("TF_LOG", "trace");
    from_file.write("token.txt", &format!("  {TOKEN}\n"));
    from_file.config(&format!(
        "provider \"codespaces\" {{\n  token = file(\"token.txt\")\n}}\n{}",
        secret("FROM_FILE")
    ));
    let applied = from_file.apply();
    assert!(
        !applied.text().contains(TOKEN),
        "the token is never logged, trimmed or not"
    );
    assert!(emu.secret(ORG, "FROM_ENV").is_some() && emu.secret(ORG, "FROM_FILE").is_some());
}

#[test]
fn a_key_id_github_does_not_know_says_to_read_the_public_key_again() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let sealed = base64::engine::general_purpose::STANDARD.encode([7u8; 80]);
    tf.config(&format!(
        "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name     = \"SEALED\"\n  encrypted_value = \"{sealed}\"\n  key_id          = \"an-old-key\"\n  visibility      = \"all\"\n}}\n"
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("an-old-key") && text.contains("read `codespaces_org_public_key` again"),
        "{text}"
    );
    assert!(r.text().contains("key_id"), "{}", r.text());
    assert!(emu.secret(ORG, "SEALED").is_none());
}
