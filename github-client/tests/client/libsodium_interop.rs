//! Interoperability with real libsodium, the library GitHub opens sealed boxes with.
//!
//! `libsodium-sys-stable` builds the libsodium release it ships inside the crate with the C
//! compiler every Rust toolchain has, so this needs cargo alone: no Python, no system
//! package, no network. Both directions are checked: libsodium opens the boxes our client
//! seals, and github-emulator opens boxes that libsodium seals (so what the end-to-end tests
//! read back from the emulator is what GitHub itself would decrypt).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use github_emulator::{Emulator, EmulatorConfig};
use libsodium_sys as sodium;

const SEAL_OVERHEAD: usize = 48; // crypto_box_SEALBYTES: ephemeral public key + MAC

fn init() {
    // SAFETY: sodium_init is safe to call any number of times, from any thread.
    let rc = unsafe { sodium::sodium_init() };
    assert!(rc >= 0, "libsodium failed to initialise ({rc})");
}

fn keypair() -> ([u8; 32], [u8; 32]) {
    init();
    let (mut pk, mut sk) = ([0u8; 32], [0u8; 32]);
    // SAFETY: both buffers are crypto_box_PUBLICKEYBYTES / SECRETKEYBYTES (32) long.
    let rc = unsafe { sodium::crypto_box_keypair(pk.as_mut_ptr(), sk.as_mut_ptr()) };
    assert_eq!(rc, 0);
    (pk, sk)
}

fn libsodium_open(sealed: &[u8], pk: &[u8; 32], sk: &[u8; 32]) -> Option<Vec<u8>> {
    let len = sealed.len().checked_sub(SEAL_OVERHEAD)?;
    let mut out = vec![0u8; len];
    // SAFETY: `out` has room for the plaintext (box length minus the overhead); the keys are
    // 32 bytes each; `sealed` is read for exactly its length.
    let rc = unsafe {
        sodium::crypto_box_seal_open(
            out.as_mut_ptr(),
            sealed.as_ptr(),
            sealed.len() as u64,
            pk.as_ptr(),
            sk.as_ptr(),
        )
    };
    (rc == 0).then_some(out)
}

fn libsodium_seal(plaintext: &[u8], pk: &[u8]) -> Vec<u8> {
    init();
    assert_eq!(pk.len(), 32);
    let mut out = vec![0u8; plaintext.len() + SEAL_OVERHEAD];
    // SAFETY: `out` is exactly message length plus crypto_box_SEALBYTES; `pk` is 32 bytes.
    let rc = unsafe {
        sodium::crypto_box_seal(
            out.as_mut_ptr(),
            plaintext.as_ptr(),
            plaintext.len() as u64,
            pk.as_ptr(),
        )
    };
    assert_eq!(rc, 0);
    out
}

#[test]
fn libsodium_opens_the_boxes_we_seal() {
    let (pk, sk) = keypair();
    for plaintext in [
        &b""[..],
        "multi-byte \u{2713} value\nwith lines".as_bytes(),
        &[0u8, 255, 10, 13][..],
        &vec![b'x'; 48 * 1024][..],
    ] {
        let sealed = github_client::crypto::seal(&STANDARD.encode(pk), plaintext).unwrap();
        let raw = STANDARD.decode(&sealed).unwrap();
        assert_eq!(raw.len(), plaintext.len() + SEAL_OVERHEAD);
        let opened = libsodium_open(&raw, &pk, &sk)
            .unwrap_or_else(|| panic!("libsodium refused our box of {} bytes", plaintext.len()));
        assert_eq!(opened, plaintext);
    }
}

#[test]
fn libsodium_refuses_a_box_for_another_key() {
    let (pk, _) = keypair();
    let (other_pk, other_sk) = keypair();
    let sealed = github_client::crypto::seal(&STANDARD.encode(pk), b"v").unwrap();
    let raw = STANDARD.decode(sealed).unwrap();
    assert_eq!(libsodium_open(&raw, &other_pk, &other_sk), None);
}

#[tokio::test]
async fn the_emulator_opens_boxes_libsodium_seals() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let (key_id, key_b64) = emu.public_key("acme").unwrap();
    let plaintext = "sealed by libsodium \u{2713}";
    let sealed = libsodium_seal(plaintext.as_bytes(), &STANDARD.decode(key_b64).unwrap());
    let status = reqwest::Client::new()
        .put(format!(
            "{}/orgs/acme/codespaces/secrets/FROM_LIBSODIUM",
            emu.base_url()
        ))
        .header("Authorization", "Bearer test-token")
        .header("User-Agent", "libsodium-interop-test")
        .header("Accept", "application/vnd.github+json")
        .json(&serde_json::json!({
            "encrypted_value": STANDARD.encode(&sealed),
            "key_id": key_id,
            "visibility": "all",
        }))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 201);
    let secret = emu.secret("acme", "FROM_LIBSODIUM").unwrap();
    assert_eq!(secret.plaintext, plaintext.as_bytes());
}
