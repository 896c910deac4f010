//! What to emulate ([`EmulatorConfig`], also read from a JSON fixture), what to add at run
//! time ([`UserSpec`]), and why starting or setting up can fail ([`EmulatorError`]).

/// Why the emulator could not start, or a set-up call failed.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// Binding or starting the server failed.
    #[error("could not start the emulator: {0}")]
    Io(#[from] std::io::Error),
    /// The fixture is not valid.
    #[error("invalid fixture: {0}")]
    Fixture(String),
    /// An App's key could not be made.
    #[error("could not make an App key: {0}")]
    Key(String),
    /// No organization or user has that login.
    #[error("no organization or user {0:?}")]
    NoAccount(String),
}

/// What to emulate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmulatorConfig {
    /// Organization logins.
    pub orgs: Vec<String>,
    /// Accepted tokens: the user's, with every scope the secrets routes accept.
    pub tokens: Vec<String>,
    /// `""`, or e.g. `/api/v3` as GitHub Enterprise Server serves the API.
    pub path_prefix: String,
    /// Repositories seeded in each organization.
    pub repos_per_org: usize,
    /// The user's tokens that carry the `repo` scope alone: the organization and user
    /// secrets routes answer them 403, naming the scope they have and the scopes the route
    /// accepts, as GitHub does; repository secrets accept them.
    pub limited_tokens: Vec<String>,
    /// The login of the user every token above belongs to, a member of every organization.
    pub user: String,
    /// Repositories the user owns (private).
    pub user_repos: Vec<String>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            orgs: vec!["acme".into()],
            tokens: vec!["test-token".into()],
            path_prefix: String::new(),
            repos_per_org: 12,
            limited_tokens: Vec::new(),
            user: "octocat".into(),
            user_repos: vec!["dotfiles".into()],
        }
    }
}

impl EmulatorConfig {
    /// Reads `{"orgs": [...], "tokens": [...], "path_prefix": "...", "repos_per_org": N,
    /// "limited_tokens": [...], "user": "...", "user_repos": [...]}`; absent fields keep
    /// their defaults.
    pub fn from_fixture_json(text: &str) -> Result<Self, EmulatorError> {
        #[derive(serde::Deserialize)]
        struct Fixture {
            orgs: Option<Vec<String>>,
            tokens: Option<Vec<String>>,
            path_prefix: Option<String>,
            repos_per_org: Option<usize>,
            limited_tokens: Option<Vec<String>>,
            user: Option<String>,
            user_repos: Option<Vec<String>>,
        }
        let f: Fixture =
            serde_json::from_str(text).map_err(|e| EmulatorError::Fixture(e.to_string()))?;
        let d = EmulatorConfig::default();
        Ok(EmulatorConfig {
            orgs: f.orgs.unwrap_or(d.orgs),
            tokens: f.tokens.unwrap_or(d.tokens),
            path_prefix: f.path_prefix.unwrap_or(d.path_prefix),
            repos_per_org: f.repos_per_org.unwrap_or(d.repos_per_org),
            limited_tokens: f.limited_tokens.unwrap_or(d.limited_tokens),
            user: f.user.unwrap_or(d.user),
            user_repos: f.user_repos.unwrap_or(d.user_repos),
        })
    }
}

/// Another user, added with [`crate::Emulator::add_user`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserSpec {
    /// Login.
    pub login: String,
    /// Its tokens, with every scope.
    pub tokens: Vec<String>,
    /// The organizations it is a member of (it reaches their repositories).
    pub member_of: Vec<String>,
    /// Repositories it owns (private).
    pub repos: Vec<String>,
}
