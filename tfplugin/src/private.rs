//! A resource's or an ephemeral resource's private data: bytes a provider keeps for
//! itself beside what Terraform shows. Terraform stores them and hands them back without
//! reading them. They often hold what must not be shown (a token, a version tag), so
//! [`Private`]'s `Debug` shows only how many bytes there are.

use std::fmt;
use std::ops::Deref;

/// Private data, opaque to Terraform; empty when there is none. Reads as a byte slice;
/// built from a `Vec<u8>` and turned back into one with `From`/`Into`.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Private(Vec<u8>);

impl fmt::Debug for Private {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Private({} bytes)", self.0.len())
    }
}

impl Deref for Private {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Private {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Private {
    fn from(bytes: Vec<u8>) -> Self {
        Private(bytes)
    }
}

impl From<&[u8]> for Private {
    fn from(bytes: &[u8]) -> Self {
        Private(bytes.to_vec())
    }
}

impl From<Private> for Vec<u8> {
    fn from(private: Private) -> Self {
        private.0
    }
}

#[cfg(test)]
mod tests {
    use super::Private;

    #[test]
    fn debug_shows_the_length_and_never_the_bytes() {
        let private = Private::from(b"ghs_token-value".to_vec());
        let shown = format!("{private:?} {:#?}", Some(&private));
        assert!(shown.contains("Private(15 bytes)"), "{shown}");
        assert!(!shown.contains("ghs_") && !shown.contains("103"), "{shown}");
    }

    #[test]
    fn reads_as_the_bytes_it_was_built_from() {
        let private = Private::from(&b"etag"[..]);
        assert_eq!(&*private, b"etag");
        assert_eq!(Vec::from(private.clone()), b"etag".to_vec());
        assert!(Private::default().is_empty());
    }
}
