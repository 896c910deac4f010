//! The release files as Terraform itself consumes them, with a real `terraform` (1.11+):
//! the mirror tree installs as a filesystem mirror and as an HTTPS network mirror, the lock
//! file records the `h1:` hash the mirror lists and SHA256SUMS agrees with its `zh:`, a
//! tampered binary is refused against that lock file, and `cargo xtask dist --sign` (run once,
//! end to end) writes a signature gpg accepts.

mod support;

use std::path::Path;
use std::process::Command;

use support::{locked_hashes, mirror_hashes, provider_binary, release, version, Run, Tf};
use xtask::archive::zip_name;
use xtask::platform::Platform;

/// The `<hex>` that SHA256SUMS gives for `file`.
fn sums_entry(sums: &str, file: &str) -> String {
    sums.lines()
        .find_map(|l| l.strip_suffix(&format!("  {file}")))
        .unwrap_or_else(|| panic!("{file} is not in SHA256SUMS:\n{sums}"))
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_filesystem_mirror_installs_the_release_and_locks_the_hash_it_lists() {
    let dist = tempfile::tempdir().unwrap();
    let release = release(provider_binary(), dist.path());
    let tf = Tf::filesystem_mirror(&release.mirror);
    let init = tf.ok(&["init", "-input=false"]);
    assert_installed(&init.text);
    let (h1, zh) = mirror_hashes(&release);
    let lock = tf.lock();
    let locked_h1: Vec<String> = locked_hashes(&lock)
        .into_iter()
        .filter(|h| h.starts_with("h1:"))
        .collect();
    assert_eq!(locked_h1, [h1], "{lock}");

    let zip = zip_name(version(), &Platform::host().unwrap());
    let sums = read(&dist.path().join(format!(
        "terraform-provider-codespaces_{}_SHA256SUMS",
        version()
    )));
    let summed = sums_entry(&sums, &zip);
    assert_eq!(zh, format!("zh:{summed}"));
    // An independent SHA-256 of the zip (coreutils) agrees.
    let coreutils = Command::new("sha256sum")
        .arg(dist.path().join(&zip))
        .output()
        .expect("sha256sum (coreutils) could not be started");
    assert!(String::from_utf8_lossy(&coreutils.stdout).starts_with(&summed));

    // The unpacked binary kept its executable bits: terraform starts it for its schema.
    tf.ok(&["validate"]);
}

#[test]
fn a_changed_byte_in_the_packaged_binary_fails_init_against_the_lock_file() {
    let good = tempfile::tempdir().unwrap();
    let original = release(provider_binary(), good.path());
    let first = Tf::filesystem_mirror(&original.mirror);
    first.ok(&["init", "-input=false"]);
    let lock = first.lock();

    // The same release, rebuilt around a binary with one byte changed.
    let bad = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(provider_binary()).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    let tampered_binary = bad.path().join("terraform-provider-codespaces");
    std::fs::write(&tampered_binary, bytes).unwrap();
    let tampered = release(&tampered_binary, &bad.path().join("dist"));
    assert_ne!(mirror_hashes(&tampered).0, mirror_hashes(&original).0);

    let second = Tf::filesystem_mirror(&tampered.mirror);
    std::fs::write(second.path().join(".terraform.lock.hcl"), &lock).unwrap();
    let init = second.run(&["init", "-input=false"]);
    assert_ne!(
        init.code, 0,
        "init accepted a tampered package:\n{}",
        init.text
    );
    let words = init.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "doesn't match any of the checksums previously recorded in the dependency lock file"
        ),
        "{}",
        init.text
    );
}

#[test]
fn the_mirror_tree_serves_as_a_network_mirror_over_https() {
    let dist = tempfile::tempdir().unwrap();
    let release = release(provider_binary(), dist.path());
    let server = support::https::Server::start(&release.mirror);
    let certs = tempfile::tempdir().unwrap();
    let cert_file = certs.path().join("mirror.pem");
    std::fs::write(&cert_file, &server.cert_pem).unwrap();
    let tf = Tf::new(&format!(
        "provider_installation {{\n  network_mirror {{\n    url = \"https://127.0.0.1:{}/\"\n  }}\n}}\n",
        server.port
    ))
    .env("SSL_CERT_FILE", &cert_file.display().to_string());
    let init = tf.ok(&["init", "-input=false"]);
    assert_installed(&init.text);
    let base = format!("/{}", xtask::ADDRESS);
    let zip = zip_name(version(), &Platform::host().unwrap());
    let requests = server.requests();
    for expected in [
        format!("{base}/index.json"),
        format!("{base}/{}.json", version()),
        format!("{base}/{zip}"),
    ] {
        assert!(
            requests.contains(&expected),
            "{expected} not in {requests:?}"
        );
    }
    let (h1, _) = mirror_hashes(&release);
    let lock = tf.lock();
    assert_eq!(locked_hashes(&lock), [h1], "{lock}");
    tf.ok(&["validate"]);
}

/// A temporary GNUPGHOME with a fresh signing key; stops its gpg-agent when dropped.
struct Keyring {
    home: tempfile::TempDir,
    fingerprint: String,
}

impl Keyring {
    fn new() -> Keyring {
        let home = tempfile::Builder::new().prefix("gpg").tempdir().unwrap();
        let mut keyring = Keyring {
            home,
            fingerprint: String::new(),
        };
        let made = keyring.gpg(&[
            "--batch",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Dist Test <dist-test@example.com>",
            "ed25519",
            "sign",
            "never",
        ]);
        assert_eq!(made.code, 0, "gpg could not make a key:\n{}", made.text);
        let listed = keyring.gpg(&["--batch", "--with-colons", "--list-secret-keys"]);
        let fingerprint = listed
            .text
            .lines()
            .find_map(|l| l.strip_prefix("fpr:"))
            .map(|rest| rest.trim_matches(':').to_string())
            .unwrap_or_else(|| panic!("no fingerprint in:\n{}", listed.text));
        keyring.fingerprint = fingerprint;
        keyring
    }

    fn gpg(&self, args: &[&str]) -> Run {
        Run::from(
            Command::new(support::gpg())
                .args(args)
                .env("GNUPGHOME", self.home.path())
                .output()
                .expect("gpg could not be started"),
        )
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = Command::new("gpgconf")
            .args(["--kill", "gpg-agent"])
            .env("GNUPGHOME", self.home.path())
            .output();
    }
}

#[test]
fn cargo_xtask_dist_signs_sha256sums_and_gpg_verifies_it() {
    let keyring = Keyring::new();
    let out = tempfile::tempdir().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = Run::from(
        xtask::cargo::without_crate_env(&mut Command::new(cargo))
            .args(["xtask", "dist", "--sign", &keyring.fingerprint, "--out-dir"])
            .arg(out.path())
            .current_dir(xtask::cargo::workspace_root())
            .env("GNUPGHOME", keyring.home.path())
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 0, "cargo xtask dist failed:\n{}", run.text);

    let v = version();
    let zip = zip_name(v, &Platform::host().unwrap());
    let prefix = format!("terraform-provider-codespaces_{v}");
    let sums = out.path().join(format!("{prefix}_SHA256SUMS"));
    let sig = out.path().join(format!("{prefix}_SHA256SUMS.sig"));
    let manifest = out.path().join(format!("{prefix}_manifest.json"));
    let mirror = out.path().join("mirror").join(xtask::ADDRESS);
    for file in [
        out.path().join(&zip),
        manifest.clone(),
        mirror.join("index.json"),
        mirror.join(format!("{v}.json")),
        mirror.join(&zip),
    ] {
        assert!(
            file.is_file(),
            "{} was not written:\n{}",
            file.display(),
            run.text
        );
    }
    let text = read(&sums);
    assert_eq!(text.lines().count(), 2, "{text}");
    sums_entry(&text, &zip);
    sums_entry(&text, &format!("{prefix}_manifest.json"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&read(&manifest)).unwrap(),
        serde_json::json!({"version": 1, "metadata": {"protocol_versions": ["5.0"]}})
    );

    let verified = keyring.gpg(&["--batch", "--verify", &path(&sig), &path(&sums)]);
    assert_eq!(
        verified.code, 0,
        "gpg refused the signature:\n{}",
        verified.text
    );
    assert!(
        verified.text.contains("Good signature"),
        "{}",
        verified.text
    );

    // The same signature does not cover a changed SHA256SUMS.
    let changed = out.path().join("changed_SHA256SUMS");
    std::fs::write(&changed, format!("{text}{}  another.zip\n", "0".repeat(64))).unwrap();
    let refused = keyring.gpg(&["--batch", "--verify", &path(&sig), &path(&changed)]);
    assert_ne!(refused.code, 0, "{}", refused.text);
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// `terraform init` says it installed this version of the provider.
fn assert_installed(init: &str) {
    let expected = format!("Installed codespaces-tools/codespaces v{}", version());
    assert!(init.contains(&expected), "{init}");
}
