//! How the provider authenticates, in Terraform's words: the `app_auth` block with its
//! declared checks (`token` and `app_auth` together; an id, an installation id or a key that
//! cannot be used, reported on its attribute without quoting the key), and the order
//! credentials are looked for:
//!
//! 1. the `token` argument;
//! 2. the `app_auth` block, each argument falling back to its `GITHUB_APP_*` variable;
//! 3. the `GITHUB_APP_ID`, `GITHUB_APP_INSTALLATION_ID` and `GITHUB_APP_PEM_FILE` variables;
//! 4. `GITHUB_TOKEN`;
//! 5. `gh auth token --hostname HOST`, when `gh` is on `PATH`.
//!
//! App variables come before `GITHUB_TOKEN` because they are set only on purpose, while CI
//! often carries a `GITHUB_TOKEN` for other tools. The result is one
//! [`Credentials`], whose secrets never leave `SecretString`.

use secrecy::SecretString;
use serde::Deserialize;

use github_client::{gh_credentials, AppAuth, AppKey, Credentials, Installation, KeyError};
use tfplugin::{
    Attribute, AttributePath, Block, Diagnostic, Diagnostics, MaybeUnknown, NestedBlock,
    NestingMode, Type, Validator,
};

const BLOCK: &str = "app_auth";

/// The `app_auth` block, as configured (any argument may be unknown until apply).
#[derive(Deserialize)]
pub struct AppAuthBlock {
    id: MaybeUnknown<Option<String>>,
    installation_id: MaybeUnknown<Option<String>>,
    pem_file: MaybeUnknown<Option<SecretString>>,
}

impl AppAuthBlock {
    /// The block's arguments whose value is unknown, by the name a user writes.
    pub fn unknown(&self) -> Vec<&'static str> {
        [
            (self.id.is_unknown(), "app_auth.id"),
            (
                self.installation_id.is_unknown(),
                "app_auth.installation_id",
            ),
            (self.pem_file.is_unknown(), "app_auth.pem_file"),
        ]
        .into_iter()
        .filter_map(|(unknown, name)| unknown.then_some(name))
        .collect()
    }
}

/// The `app_auth` block's schema, with its checks.
pub fn app_auth_block() -> NestedBlock {
    NestedBlock::new(
        BLOCK,
        NestingMode::Single,
        Block::new()
            .description(
                "Authenticate as a GitHub App installation instead of with a token. The App \
                 needs the organization permission \"Codespaces secrets: read and write\" \
                 (and \"Metadata: read\"), and for repository secrets the repository \
                 permission of that name. GitHub refuses an App on user secrets: those need a \
                 user's token. Its tokens are renewed before they expire, so runs of any \
                 length work. Conflicts with `token`.",
            )
            .attribute(
                Attribute::optional("id", Type::String)
                    .description(
                        "The App's id (a number; a string or a number is accepted). Defaults \
                         to the `GITHUB_APP_ID` environment variable.",
                    )
                    .validate(Validator::string("Invalid app_auth.id", |id: &str| {
                        id.trim()
                            .is_empty()
                            .then(|| "The App id cannot be empty.".to_string())
                    })),
            )
            .attribute(
                Attribute::optional("installation_id", Type::String)
                    .description(
                        "The id of the App's installation on the organization (a string or a \
                         number). Defaults to `GITHUB_APP_INSTALLATION_ID`; when neither is \
                         set it is looked up with `GET /orgs/{owner}/installation`.",
                    )
                    .validate(Validator::string(
                        "Invalid app_auth.installation_id",
                        |id: &str| installation_problem(id.trim()),
                    )),
            )
            .attribute(
                Attribute::optional("pem_file", Type::String)
                    .sensitive()
                    .description(
                        "The contents (not the path) of the App's private key, as downloaded \
                         from its settings: `pem_file = file(\"app.pem\")`. Defaults to the \
                         `GITHUB_APP_PEM_FILE` environment variable, which also holds the \
                         contents.",
                    )
                    .validate(Validator::string(
                        "Invalid app_auth.pem_file",
                        |pem: &str| {
                            AppKey::from_pem(&SecretString::from(pem))
                                .err()
                                .map(|e| key_problem(&e))
                        },
                    )),
            ),
    )
}

/// The check declared on `token`: not together with `app_auth`.
pub fn token_conflicts_with_app_auth() -> Validator {
    Validator::conflicts_with(&[BLOCK]).message(
        "Conflicting credentials",
        "`token` and `app_auth` are both set: use one of them. With `app_auth`, the provider \
         authenticates as the GitHub App installation.",
    )
}

fn key_problem(err: &KeyError) -> String {
    format!(
        "The GitHub App's private key cannot be used: {err}. `pem_file` takes the key's \
         contents, e.g. `pem_file = file(\"app.pem\")` with the .pem file downloaded from the \
         App's settings."
    )
}

fn installation_problem(id: &str) -> Option<String> {
    (id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{id:?} is not an installation id: it is a number."))
}

/// The credentials the configuration and the environment give (steps 1 to 4 above), if
/// any; values from the environment are checked here. Whitespace around a token, an id or a
/// variable's value (the newline `file("token.txt")` keeps) is dropped; a token of nothing
/// else counts as unset. An App without an installation id is looked up on `owner` (the
/// provider asks for `owner` before it calls GitHub).
pub fn resolve(
    token: Option<SecretString>,
    block: Option<AppAuthBlock>,
    owner: Option<&str>,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Credentials>, Diagnostics> {
    let var = |name: &str| {
        env(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(token) = token.as_ref().and_then(Credentials::trimmed_token) {
        return Ok(Some(token));
    }
    let app_vars = ["GITHUB_APP_ID", "GITHUB_APP_PEM_FILE"];
    if block.is_some() || app_vars.iter().any(|v| var(v).is_some()) {
        return app(block, owner, &var).map(|a| Some(Credentials::App(a)));
    }
    Ok(var("GITHUB_TOKEN").map(Credentials::token))
}

/// The App of the block and the `GITHUB_APP_*` variables (the block's values first).
fn app(
    block: Option<AppAuthBlock>,
    owner: Option<&str>,
    var: &impl Fn(&str) -> Option<String>,
) -> Result<AppAuth, Diagnostics> {
    let mut diags = Diagnostics::new();
    let trimmed = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let (id, own_installation, own_pem) = match block {
        Some(b) => (
            trimmed(b.id.into_known().flatten()),
            trimmed(b.installation_id.into_known().flatten()),
            b.pem_file.into_known().flatten(),
        ),
        None => (None, None, None),
    };
    let id = id.or_else(|| var("GITHUB_APP_ID"));
    let missing = |what: &str, attr: &str, name: &str| {
        Diagnostic::error(
            format!("Missing GitHub App {what}"),
            format!("Set `{attr}` in the `app_auth` block or the {name} environment variable."),
        )
        .at(AttributePath::attr(BLOCK))
    };
    if id.is_none() {
        diags.push(missing("id", "id", "GITHUB_APP_ID"));
    }
    let installation_id = match own_installation {
        Some(own) => Some(own),
        None => {
            let from_env = var("GITHUB_APP_INSTALLATION_ID");
            if let Some(problem) = from_env.as_deref().and_then(installation_problem) {
                diags.push(Diagnostic::error(
                    "Invalid GITHUB_APP_INSTALLATION_ID",
                    problem,
                ));
            }
            from_env
        }
    };
    let key = match (own_pem, var("GITHUB_APP_PEM_FILE")) {
        (Some(pem), _) => AppKey::from_pem(&pem)
            .map_err(|e| {
                let at = AttributePath::attr(BLOCK).then_attr("pem_file");
                diags.push(Diagnostic::error("Invalid app_auth.pem_file", key_problem(&e)).at(at));
            })
            .ok(),
        (None, Some(pem)) => AppKey::from_pem(&SecretString::from(pem))
            .map_err(|e| {
                let detail = key_problem(&e).replace("`pem_file`", "GITHUB_APP_PEM_FILE");
                diags.push(Diagnostic::error("Invalid GITHUB_APP_PEM_FILE", detail));
            })
            .ok(),
        (None, None) => {
            diags.push(missing("private key", "pem_file", "GITHUB_APP_PEM_FILE"));
            None
        }
    };
    match (id, key) {
        (Some(app_id), Some(key)) if !diags.has_errors() => Ok(AppAuth {
            app_id,
            installation: match installation_id {
                Some(id) => Installation::Id(id),
                None => Installation::OnOrganization(owner.unwrap_or_default().to_string()),
            },
            key,
        }),
        _ => Err(diags),
    }
}

/// Step 5: the GitHub CLI's token for the API at `base_url`, if it has one.
pub async fn from_gh(base_url: &str) -> Option<Credentials> {
    match gh_credentials(base_url).await {
        Ok(credentials) => Some(credentials),
        Err(why) => {
            tracing::debug!(reason = %why, "no token from the GitHub CLI");
            None
        }
    }
}

/// What to say when no credentials were found.
pub fn missing_credentials() -> Diagnostic {
    Diagnostic::error(
        "Missing GitHub token",
        "No credentials were found. Either set the GITHUB_TOKEN environment variable (or the \
         provider's `token` argument) to a token with the admin:org scope, or a fine-grained \
         token with the organization permission \"Codespaces secrets: read and write\"; or \
         configure a GitHub App with the `app_auth` block (or the GITHUB_APP_ID, \
         GITHUB_APP_INSTALLATION_ID and GITHUB_APP_PEM_FILE environment variables); or log \
         in with the GitHub CLI (`gh auth login`), whose token is used when `gh` is on PATH.",
    )
}

#[cfg(test)]
mod tests;
