//! Why a GitHub App could not get an installation token: GitHub refused the App's JWT, the
//! App is not installed, the installation id is not the App's, another refusal, an answer
//! without a token, or a key that cannot be used. Never holds a JWT, a token or the key.

use super::{Request, Sentence};

/// Why a private key cannot be used. The messages never quote the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// No PEM private-key block was found.
    #[error("it holds no PEM private key (a block beginning with -----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----)")]
    NotPem,
    /// A private key, but not an RSA one.
    #[error("it is not an RSA key; GitHub App keys are RSA")]
    NotRsa,
    /// An RSA key the signer refused (e.g. damaged or shorter than 2048 bits).
    #[error("the RSA key could not be read ({0})")]
    Rejected(String),
    /// Signing failed.
    #[error("signing the App's JWT failed")]
    Sign,
}

/// Why no installation token could be had. Never holds a JWT, a token or the key.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// GitHub refused the JWT.
    #[error("{request}: HTTP 401: {} GitHub refused the credentials of App {app_id} ({installation}): check that the private key is this App's (and not revoked) and that the App is installed on the organization.", Sentence(.message))]
    Refused {
        /// The App's call.
        request: Request,
        /// GitHub's message.
        message: String,
        /// The App id.
        app_id: String,
        /// Which installation, in words ("installation 42", "its installation on acme").
        installation: String,
    },
    /// The App has no installation on the organization.
    #[error("{request}: HTTP 404: the App is not installed on organization {org} (App {app_id}). Install it on the organization (the App's settings, \"Install App\"), or check the App id and the organization.")]
    NotInstalled {
        /// The App's call.
        request: Request,
        /// The App id.
        app_id: String,
        /// The organization.
        org: String,
    },
    /// The installation id is not one of the App's.
    #[error("{request}: HTTP 404: the App {app_id} has no installation {installation_id}. Check the installation id (the number at the end of the installation's settings URL), or leave it out to look it up.")]
    NoSuchInstallation {
        /// The App's call.
        request: Request,
        /// The App id.
        app_id: String,
        /// The installation id.
        installation_id: String,
    },
    /// Any other error answer.
    #[error("{request}: HTTP {status}: {}", Sentence(.message))]
    Failed {
        /// The App's call.
        request: Request,
        /// The status.
        status: u16,
        /// GitHub's message.
        message: String,
    },
    /// An answer without what the API promises.
    #[error("{request}: unexpected answer from GitHub: {}", Sentence(.message))]
    Decode {
        /// The App's call.
        request: Request,
        /// What was wrong.
        message: String,
    },
    /// The key could not sign.
    #[error("the App's private key cannot be used: {0}.")]
    Key(#[from] KeyError),
}
