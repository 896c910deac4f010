//! The typed client: the nine Codespaces secrets endpoints, repository look-ups, and the
//! per-process caches the provider relies on to keep API calls few: the public key (fetched
//! once per organization, shared by concurrent callers), the organization's secret list and
//! each secret's repository list (fetched once, dropped by any write that changes them).
//! The caches are `client/caches.rs`; value writes and the per-secret lock that keeps grants
//! whole live in `client/writes.rs`;
//! a GitHub App's installation tokens, minted through the same transport, in
//! `client/app.rs`.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value as Json};
use tokio::sync::OnceCell;

use crate::auth::{Bearer, Fixed};
use crate::clock::{Sleeper, TokioSleeper};
use crate::config::ClientConfig;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::{not_githubs_json, Answer, Http, Pager, Stats};
use crate::types::{PublicKey, PutOutcome, PutSecret, Repository, Secret};
use crate::urls::{shown, Route};

mod app;
mod caches;
mod writes;

use writes::SecretLocks;

/// The routes this client calls, as GitHub's docs name them.
const SECRETS: &str = "/orgs/{org}/codespaces/secrets";
const PUBLIC_KEY: &str = "/orgs/{org}/codespaces/secrets/public-key";
const SECRET: &str = "/orgs/{org}/codespaces/secrets/{secret_name}";
const SECRET_REPOS: &str = "/orgs/{org}/codespaces/secrets/{secret_name}/repositories";
const SECRET_REPO: &str =
    "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}";
const REPO: &str = "/repos/{owner}/{repo}";
const ORG_REPOS: &str = "/orgs/{org}/repos";

type Cell<T> = Arc<OnceCell<T>>;

/// Single-flight cells by key.
struct Cells<K, T>(Mutex<HashMap<K, Cell<T>>>);

impl<K: Eq + Hash + Clone, T> Cells<K, T> {
    fn new() -> Self {
        Cells(Mutex::new(HashMap::new()))
    }

    fn get(&self, key: &K) -> Cell<T> {
        match self.0.lock() {
            Ok(mut m) => m.entry(key.clone()).or_default().clone(),
            Err(_) => Arc::default(),
        }
    }

    fn drop_where(&self, f: impl Fn(&K) -> bool) {
        if let Ok(mut m) = self.0.lock() {
            m.retain(|k, _| !f(k));
        }
    }
}

/// Where the next page of a listing is, and the pages read so far (an opaque cursor from
/// the previous page: a listing never reads a page twice, nor more than the page cap).
#[derive(Debug, Clone)]
pub struct NextPage {
    route: Route,
    pager: Pager,
}

/// A GitHub client for one provider process. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: Arc<Http>,
    /// Where each call's bearer comes from.
    auth: Box<dyn Bearer>,
    keys: Cells<String, PublicKey>,
    secret_lists: Cells<String, Vec<Secret>>,
    repo_lists: Cells<(String, String), Vec<Repository>>,
    /// Names known to exist, per organization: listed once, then kept by our own writes.
    names: Cells<String, Mutex<BTreeSet<String>>>,
    /// Serializes the writes that touch one secret's repositories (see `writes`).
    locks: SecretLocks,
}

fn org_key(org: &str) -> String {
    org.to_ascii_lowercase()
}

fn secret_key(org: &str, name: &str) -> (String, String) {
    (org_key(org), name.to_ascii_uppercase())
}

impl Client {
    /// A client with tokio's timer.
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        Client::with_sleeper(config, Arc::new(TokioSleeper))
    }

    /// A client whose waits go through `sleeper` (tests record them).
    pub fn with_sleeper(config: ClientConfig, sleeper: Arc<dyn Sleeper>) -> Result<Self, Error> {
        let http = Arc::new(Http::new(config, sleeper)?);
        let credentials = &http.config().credentials;
        tracing::debug!(
            base_url = %http.config().base_url,
            credentials = %credentials.describe(),
            max_retries = http.config().max_retries,
            "GitHub client ready"
        );
        let auth: Box<dyn Bearer> = match credentials {
            Credentials::Token(token) | Credentials::Gh { token, .. } => {
                Box::new(Fixed(token.clone()))
            }
            Credentials::App(app) => Box::new(app::Minter::new(app.clone(), http.clone())),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                auth,
                keys: Cells::new(),
                secret_lists: Cells::new(),
                repo_lists: Cells::new(),
                names: Cells::new(),
                locks: SecretLocks::default(),
            }),
        })
    }

    /// Requests, retries and waits so far.
    pub fn stats(&self) -> Stats {
        self.inner.http.stats()
    }

    /// Stops the client (its caller is shutting down): from now on no retry or rate-limit wait
    /// starts, and the waits under way end early with [`Error::Stopped`]. Requests already
    /// sent are left to finish, so their results still reach the caller.
    pub fn stop(&self) {
        self.inner.http.stop();
    }

    fn http(&self) -> &Http {
        &self.inner.http
    }

    /// One request with the client's credentials, retried and paced by the transport.
    async fn send(
        &self,
        method: Method,
        route: Route,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let auth = &*self.inner.auth;
        self.http()
            .send(auth, method, route, body)
            .await
            .map_err(|e| auth.explain(e))
    }

    /// Every page of the list at `route`, its items under `key`.
    async fn get_all(&self, route: Route, key: Option<&str>) -> Result<Vec<Json>, Error> {
        let auth = &*self.inner.auth;
        self.http()
            .get_all(auth, route, key)
            .await
            .map_err(|e| auth.explain(e))
    }

    /// A GET of `route`, its answer decoded.
    async fn get<T: serde::de::DeserializeOwned>(&self, route: Route) -> Result<T, Error> {
        self.send(Method::GET, route, None)
            .await?
            .json(&Method::GET)
    }

    /// One item of the list GETs at `url` answered.
    fn decode<T: serde::de::DeserializeOwned>(v: Json, url: &str) -> Result<T, Error> {
        serde_json::from_value(v).map_err(|e| not_githubs_json(&Method::GET, url, &[], &e))
    }

    // ----- the endpoints -----

    /// `GET /orgs/{org}/codespaces/secrets`, every page.
    pub async fn list_secrets(&self, org: &str) -> Result<Vec<Secret>, Error> {
        let route = self.http().route(SECRETS, &[org])?;
        let url = shown(&route.url);
        let items = self.get_all(route, Some("secrets")).await?;
        items.into_iter().map(|v| Self::decode(v, &url)).collect()
    }

    /// One page of `GET /orgs/{org}/codespaces/secrets` (100 secrets): `next` is `None`
    /// for the first page, then what the previous page answered. Answers the secrets and the
    /// next page, if any; a `next` link back to a page read, to another origin, or past the
    /// client's page cap is an [`Error::Pagination`].
    pub async fn list_secrets_page(
        &self,
        org: &str,
        next: Option<NextPage>,
    ) -> Result<(Vec<Secret>, Option<NextPage>), Error> {
        let NextPage { route, mut pager } = match next {
            Some(next) => next,
            None => {
                let mut route = self.http().route(SECRETS, &[org])?;
                route.url.query_pairs_mut().append_pair("per_page", "100");
                let pager = self.http().pager();
                NextPage { route, pager }
            }
        };
        let url = shown(&route.url);
        let auth = &*self.inner.auth;
        let (items, following) = self
            .http()
            .get_page(auth, route, Some("secrets"), &mut pager)
            .await
            .map_err(|e| auth.explain(e))?;
        let secrets = items
            .into_iter()
            .map(|v| Self::decode(v, &url))
            .collect::<Result<Vec<Secret>, Error>>()?;
        Ok((secrets, following.map(|route| NextPage { route, pager })))
    }

    /// `GET /orgs/{org}/codespaces/secrets/public-key`.
    pub async fn get_public_key(&self, org: &str) -> Result<PublicKey, Error> {
        self.get(self.http().route(PUBLIC_KEY, &[org])?).await
    }

    /// `GET /orgs/{org}/codespaces/secrets/{secret_name}`.
    pub async fn get_secret(&self, org: &str, name: &str) -> Result<Secret, Error> {
        self.get(self.http().route(SECRET, &[org, name])?).await
    }

    /// `PUT /orgs/{org}/codespaces/secrets/{secret_name}`.
    pub async fn put_secret(
        &self,
        org: &str,
        name: &str,
        body: &PutSecret,
    ) -> Result<PutOutcome, Error> {
        let route = self.http().route(SECRET, &[org, name])?;
        let body = serde_json::to_value(body).unwrap_or(Json::Null);
        let result = self.send(Method::PUT, route, Some(&body)).await;
        self.forget_secret(org, name);
        let answer = result?;
        self.remember_name(org, name, true);
        Ok(match answer.status {
            StatusCode::CREATED => PutOutcome::Created,
            _ if answer.after_lost_answer => PutOutcome::UpdatedAfterLostAnswer,
            _ => PutOutcome::Updated,
        })
    }

    /// `DELETE /orgs/{org}/codespaces/secrets/{secret_name}`.
    pub async fn delete_secret(&self, org: &str, name: &str) -> Result<(), Error> {
        let route = self.http().route(SECRET, &[org, name])?;
        let result = self.send(Method::DELETE, route, None).await;
        self.forget_secret(org, name);
        if result.is_ok() || result.as_ref().err().is_some_and(Error::is_not_found) {
            self.remember_name(org, name, false);
        }
        result.map(|_| ())
    }

    /// `GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories`, every page.
    pub async fn list_selected_repositories(
        &self,
        org: &str,
        name: &str,
    ) -> Result<Vec<Repository>, Error> {
        let route = self.http().route(SECRET_REPOS, &[org, name])?;
        let url = shown(&route.url);
        let items = self.get_all(route, Some("repositories")).await?;
        items.into_iter().map(|v| Self::decode(v, &url)).collect()
    }

    /// `PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories`.
    pub async fn set_selected_repositories(
        &self,
        org: &str,
        name: &str,
        ids: &[i64],
    ) -> Result<(), Error> {
        let route = self.http().route(SECRET_REPOS, &[org, name])?;
        let body = json!({ "selected_repository_ids": ids });
        let _serialized = self.inner.locks.lock(org, name).await;
        let result = self.send(Method::PUT, route, Some(&body)).await;
        self.forget_secret(org, name);
        result.map(|_| ())
    }

    /// `PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}`.
    pub async fn add_selected_repository(
        &self,
        org: &str,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        self.change_membership(Method::PUT, org, name, id).await
    }

    /// `DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}`.
    pub async fn remove_selected_repository(
        &self,
        org: &str,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        self.change_membership(Method::DELETE, org, name, id).await
    }

    async fn change_membership(
        &self,
        method: Method,
        org: &str,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        let id = id.to_string();
        let route = self.http().route(SECRET_REPO, &[org, name, &id])?;
        let _serialized = self.inner.locks.lock(org, name).await;
        let result = self.send(method, route, None).await;
        self.forget_repositories(org, name);
        result.map(|_| ())
    }

    /// `GET /repos/{owner}/{repo}`.
    pub async fn get_repository(&self, owner: &str, repo: &str) -> Result<Repository, Error> {
        self.get(self.http().route(REPO, &[owner, repo])?).await
    }

    /// `GET /orgs/{org}/repos`, every page.
    pub async fn list_org_repositories(&self, org: &str) -> Result<Vec<Repository>, Error> {
        let route = self.http().route(ORG_REPOS, &[org])?;
        let url = shown(&route.url);
        let items = self.get_all(route, None).await?;
        items.into_iter().map(|v| Self::decode(v, &url)).collect()
    }
}
