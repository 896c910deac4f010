//! How the provider authenticates, in Terraform's words: the `app_auth` block, its checks
//! (`token` and `app_auth` together; a key that cannot be used, reported on
//! `app_auth.pem_file` without quoting it), and the order credentials are looked for:
//!
//! 1. the `token` argument;
//! 2. the `app_auth` block, each argument falling back to its `GITHUB_APP_*` variable;
//! 3. the `GITHUB_APP_ID`, `GITHUB_APP_INSTALLATION_ID` and `GITHUB_APP_PEM_FILE` variables;
//! 4. `GITHUB_TOKEN`;
//! 5. `gh auth token --hostname HOST`, when `gh` is on `PATH`.
//!
//! App variables come before `GITHUB_TOKEN` because they are set only on purpose, while CI
//! often carries a `GITHUB_TOKEN` for other tools.

use secrecy::SecretString;

use super::config::{ProviderSettings, Token};
use crate::github::auth::{gh_host, gh_token, KeyError};
use crate::github::{AppAuth, AppKey, Installation};
use tfplugin::log;
use tfplugin::{
    Attribute, AttributePath, Block, Diagnostic, Diagnostics, NestedBlock, NestingMode, Type, Value,
};

const BLOCK: &str = "app_auth";

/// A GitHub App to authenticate as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSettings {
    /// The App id.
    pub id: String,
    /// The installation id; looked up on the organization when absent.
    pub installation_id: Option<String>,
    /// The App's private key.
    pub key: AppKey,
}

impl AppSettings {
    /// What the GitHub client needs, for organization `owner`.
    pub fn client_auth(&self, owner: &str) -> AppAuth {
        AppAuth {
            app_id: self.id.clone(),
            installation: match &self.installation_id {
                Some(id) => Installation::Id(id.clone()),
                None => Installation::OnOrganization(owner.to_string()),
            },
            key: self.key.clone(),
        }
    }
}

/// The `app_auth` block.
pub fn app_auth_block() -> NestedBlock {
    NestedBlock::new(
        BLOCK,
        NestingMode::Single,
        Block::new()
            .description(
                "Authenticate as a GitHub App installation instead of with a token. The App \
                 needs the organization permission \"Codespaces secrets: read and write\" \
                 (and \"Metadata: read\"). Its tokens are renewed before they expire, so runs \
                 of any length work. Conflicts with `token`.",
            )
            .attribute(Attribute::optional("id", Type::String).description(
                "The App's id (a number; a string or a number is accepted). Defaults to the \
                 `GITHUB_APP_ID` environment variable.",
            ))
            .attribute(
                Attribute::optional("installation_id", Type::String).description(
                    "The id of the App's installation on the organization (a string or a \
                     number). Defaults to `GITHUB_APP_INSTALLATION_ID`; when neither is set \
                     it is looked up with `GET /orgs/{owner}/installation`.",
                ),
            )
            .attribute(
                Attribute::optional("pem_file", Type::String)
                    .sensitive()
                    .description(
                        "The contents (not the path) of the App's private key, as downloaded \
                         from its settings: `pem_file = file(\"app.pem\")`. Defaults to the \
                         `GITHUB_APP_PEM_FILE` environment variable, which also holds the \
                         contents.",
                    ),
            ),
    )
}

fn path(attr: &str) -> AttributePath {
    AttributePath::attr(BLOCK).then_attr(attr)
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

/// Checks the known values of the block, and that it is not combined with `token`.
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    let block = config.get(BLOCK);
    if block.is_null() {
        return;
    }
    if !config.get("token").is_null() {
        diags.push(
            Diagnostic::error(
                "Conflicting credentials",
                "`token` and `app_auth` are both set: use one of them. With `app_auth`, the \
                 provider authenticates as the GitHub App installation.",
            )
            .at(AttributePath::attr("token")),
        );
    }
    if block
        .get("id")
        .as_str()
        .is_some_and(|id| id.trim().is_empty())
    {
        diags.push(
            Diagnostic::error("Invalid app_auth.id", "The App id cannot be empty.").at(path("id")),
        );
    }
    if let Some(id) = block.get("installation_id").as_str() {
        if let Some(problem) = installation_problem(id) {
            diags.push(
                Diagnostic::error("Invalid app_auth.installation_id", problem)
                    .at(path("installation_id")),
            );
        }
    }
    if let Some(pem) = block.get("pem_file").as_str() {
        if let Err(e) = AppKey::from_pem(&SecretString::from(pem)) {
            diags.push(
                Diagnostic::error("Invalid app_auth.pem_file", key_problem(&e))
                    .at(path("pem_file")),
            );
        }
    }
}

/// The `app_auth` settings whose value is unknown: the whole block (a `dynamic` block whose
/// content is not known yet), or its arguments.
pub fn unknown_settings(config: &Value) -> Vec<&'static str> {
    let block = config.get(BLOCK);
    if block.is_unknown() {
        return vec![BLOCK];
    }
    [
        ("id", "app_auth.id"),
        ("installation_id", "app_auth.installation_id"),
        ("pem_file", "app_auth.pem_file"),
    ]
    .into_iter()
    .filter(|(attr, _)| block.get(attr).is_unknown())
    .map(|(_, name)| name)
    .collect()
}

/// The credentials the configuration and the environment give (steps 1 to 4 above): a
/// token, an App, or neither. Values from the environment are checked here.
pub fn resolve(
    config: &Value,
    env: &impl Fn(&str) -> Option<String>,
) -> Result<(Option<Token>, Option<AppSettings>), Diagnostics> {
    let var = |name: &str| env(name).filter(|v| !v.is_empty());
    if let Some(t) = config.get("token").as_str() {
        return Ok((Some(Token(t.to_string())), None));
    }
    let block = config.get(BLOCK);
    let app_vars = ["GITHUB_APP_ID", "GITHUB_APP_PEM_FILE"];
    if !block.is_null() || app_vars.iter().any(|v| var(v).is_some()) {
        return app(block, &var).map(|a| (None, Some(a)));
    }
    Ok((var("GITHUB_TOKEN").map(Token), None))
}

/// The App of the block and the `GITHUB_APP_*` variables (the block's values first).
fn app(block: &Value, var: &impl Fn(&str) -> Option<String>) -> Result<AppSettings, Diagnostics> {
    let mut diags = Diagnostics::new();
    let pick = |attr: &str, name: &str| {
        let own = block.get(attr).as_str().map(str::to_string);
        (own.clone(), own.or_else(|| var(name)))
    };
    let (_, id) = pick("id", "GITHUB_APP_ID");
    let (own_installation, installation_id) = pick("installation_id", "GITHUB_APP_INSTALLATION_ID");
    let (own_pem, pem) = pick("pem_file", "GITHUB_APP_PEM_FILE");
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
    if own_installation.is_none() {
        if let Some(problem) = installation_id.as_deref().and_then(installation_problem) {
            diags.push(Diagnostic::error(
                "Invalid GITHUB_APP_INSTALLATION_ID",
                problem,
            ));
        }
    }
    let key = match pem.map(SecretString::from) {
        None => {
            diags.push(missing("private key", "pem_file", "GITHUB_APP_PEM_FILE"));
            None
        }
        Some(pem) => match AppKey::from_pem(&pem) {
            Ok(k) => Some(k),
            // The block's own value was reported at validation, on its attribute.
            Err(_) if own_pem.is_some() => None,
            Err(e) => {
                let detail = key_problem(&e).replace("`pem_file`", "GITHUB_APP_PEM_FILE");
                diags.push(Diagnostic::error("Invalid GITHUB_APP_PEM_FILE", detail));
                None
            }
        },
    };
    match (id, key) {
        (Some(id), Some(key)) if !diags.has_errors() => Ok(AppSettings {
            id,
            installation_id,
            key,
        }),
        _ => Err(diags),
    }
}

/// Step 5: when nothing else gave credentials, the token of the GitHub CLI, if it has one.
pub async fn fall_back_to_gh(settings: &mut ProviderSettings) {
    if settings.token.is_some() || settings.app.is_some() || !settings.is_known() {
        return;
    }
    let Some(host) = gh_host(&settings.base_url) else {
        return;
    };
    match gh_token(&host).await {
        Ok(token) => {
            log::info(
                "using the GitHub CLI's token (gh auth token)",
                &[("hostname", &host)],
            );
            settings.token = Some(Token(secrecy::ExposeSecret::expose_secret(&token).into()));
        }
        Err(why) => log::debug(
            "no token from the GitHub CLI",
            &[("reason", &why.to_string())],
        ),
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
mod tests {
    use super::*;

    fn pem() -> String {
        let emu = github_emulator::Emulator::start(Default::default()).unwrap();
        emu.app().unwrap().private_key_pem
    }

    fn block(fields: &[(&str, &str)]) -> Value {
        Value::object(fields.iter().map(|(k, v)| (*k, Value::string(*v))))
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn credentials_are_looked_for_in_order() {
        let pem = pem();
        let app_env = [
            ("GITHUB_APP_ID", "7"),
            ("GITHUB_APP_PEM_FILE", pem.as_str()),
            ("GITHUB_TOKEN", "env-token"),
        ];
        let token = Value::object([("token", Value::string("arg-token"))]);
        let (t, a) = resolve(&token, &env(&app_env)).unwrap();
        assert_eq!((t, a), (Some(Token("arg-token".into())), None));

        let with_block = Value::object([("app_auth", block(&[("id", "9")]))]);
        let (t, a) = resolve(&with_block, &env(&app_env)).unwrap();
        let a = a.unwrap();
        assert_eq!((t, a.id.as_str(), a.installation_id), (None, "9", None));

        let (t, a) = resolve(&Value::Null, &env(&app_env)).unwrap();
        assert_eq!((t, a.map(|a| a.id)), (None, Some("7".to_string())));

        let (t, a) = resolve(&Value::Null, &env(&app_env[2..])).unwrap();
        assert_eq!((t, a), (Some(Token("env-token".into())), None));
        assert_eq!(resolve(&Value::Null, &env(&[])).unwrap(), (None, None));
    }

    #[test]
    fn token_and_app_auth_together_are_refused_naming_both() {
        let config = Value::object([
            ("token", Value::Unknown),
            ("app_auth", block(&[("id", "1")])),
        ]);
        let mut diags = Diagnostics::new();
        validate(&config, &mut diags);
        let d = diags.iter().next().unwrap();
        assert!(d.detail.contains("`token` and `app_auth`"), "{}", d.detail);
        assert_eq!(d.attribute.as_ref().unwrap().to_string(), "token");
    }

    #[test]
    fn bad_values_are_reported_on_their_attribute_and_the_key_is_never_quoted() {
        let bad = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END RSA PRIVATE KEY-----\n";
        let config = Value::object([(
            "app_auth",
            block(&[("id", ""), ("pem_file", bad), ("installation_id", "x1")]),
        )]);
        let mut diags = Diagnostics::new();
        validate(&config, &mut diags);
        let at: Vec<String> = diags
            .iter()
            .map(|d| d.attribute.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(
            at,
            [
                "app_auth.id",
                "app_auth.installation_id",
                "app_auth.pem_file"
            ]
        );
        assert!(diags.iter().all(|d| !d.detail.contains("MIIB")));

        let from_env = resolve(
            &Value::Null,
            &env(&[("GITHUB_APP_ID", "1"), ("GITHUB_APP_PEM_FILE", bad)]),
        )
        .unwrap_err();
        let d = from_env.iter().next().unwrap();
        assert_eq!(d.summary, "Invalid GITHUB_APP_PEM_FILE");
        assert!(!d.detail.contains("MIIB"));
    }

    #[test]
    fn an_app_without_id_or_key_says_where_to_set_them() {
        let config = Value::object([("app_auth", block(&[]))]);
        let diags = resolve(&config, &env(&[])).unwrap_err();
        let summaries: Vec<&str> = diags.iter().map(|d| d.summary.as_str()).collect();
        assert_eq!(
            summaries,
            ["Missing GitHub App id", "Missing GitHub App private key"]
        );
    }
}
