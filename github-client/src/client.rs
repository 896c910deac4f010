//! The typed client: the Codespaces secrets endpoints of every secret home (`home.rs`: one
//! route per endpoint and home), and repository look-ups. It is transport plus endpoints
//! and keeps nothing between calls: what a caller reuses (a public key, a listing) is the
//! caller's policy. Writing a secret, and the per-secret lock that keeps its grants whole,
//! are `client/writes.rs`; a GitHub App's installation tokens, minted through the same
//! transport, `client/app.rs`.

use std::sync::Arc;

use reqwest::Method;
use serde::de::DeserializeOwned;

use crate::auth::{Bearer, Fixed};
use crate::clock::{Sleeper, TokioSleeper};
use crate::config::ClientConfig;
use crate::credentials::Credentials;
use crate::error::Error;
use crate::home::{Endpoint, SecretHome};
use crate::http::{Answer, Body, Http, Pager, Stats};
use crate::types::{PublicKey, Repository, Secret};
use crate::urls::Route;

mod app;
mod writes;

use writes::SecretLocks;

/// Repository look-ups, as GitHub's docs name them.
const REPO: &str = "/repos/{owner}/{repo}";
const ORG_REPOS: &str = "/orgs/{org}/repos";

/// Where the next page of a listing is, and the pages read so far (an opaque cursor from
/// the previous page: a listing never reads a page twice, nor more than the page cap).
#[derive(Debug, Clone)]
pub struct NextPage {
    route: Route,
    pager: Pager,
}

/// A GitHub client. Cheap to clone; clones share one connection pool, one pacing of the
/// secondary limits and one stop signal.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: Arc<Http>,
    /// Where each call's bearer comes from.
    auth: Box<dyn Bearer>,
    /// Serializes the writes that touch one secret's repositories (see `writes`).
    locks: SecretLocks,
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
            base_url = %http.shown_base(),
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

    /// `endpoint` of `home`'s secrets.
    fn at(&self, home: &SecretHome, endpoint: Endpoint<'_>) -> Result<Route, Error> {
        home.route(self.http().base(), endpoint)
    }

    /// One request with the client's credentials, retried and paced by the transport.
    async fn send(
        &self,
        method: Method,
        route: Route,
        body: Option<&Body>,
    ) -> Result<Answer, Error> {
        self.http()
            .send(&*self.inner.auth, method, route, body)
            .await
    }

    /// A GET of `route`, its answer decoded.
    async fn get<T: DeserializeOwned>(&self, route: Route) -> Result<T, Error> {
        self.send(Method::GET, route, None).await?.json()
    }

    /// Every page of the list at `route`, its items (under `key`) decoded.
    async fn get_all<T: DeserializeOwned>(
        &self,
        route: Route,
        key: Option<&str>,
    ) -> Result<Vec<T>, Error> {
        self.http().get_all(&*self.inner.auth, route, key).await
    }

    // ----- the endpoints -----

    /// Every secret of `home` (`GET /orgs/{org}/codespaces/secrets`, or the same route of a
    /// repository's or the user's secrets), every page.
    pub async fn list_secrets(&self, home: &SecretHome) -> Result<Vec<Secret>, Error> {
        let route = self.at(home, Endpoint::Secrets)?;
        self.get_all(route, Some("secrets")).await
    }

    /// One page of `home`'s secrets (100 secrets): `next` is `None` for the first page,
    /// then what the previous page answered. Answers the secrets and the next page, if
    /// any; a `next` link back to a page read, to another origin, or past the client's page
    /// cap is an [`Error::Pagination`].
    pub async fn list_secrets_page(
        &self,
        home: &SecretHome,
        next: Option<NextPage>,
    ) -> Result<(Vec<Secret>, Option<NextPage>), Error> {
        let NextPage { route, mut pager } = match next {
            Some(next) => next,
            None => {
                let mut route = self.at(home, Endpoint::Secrets)?;
                route.url.query_pairs_mut().append_pair("per_page", "100");
                let pager = self.http().pager();
                NextPage { route, pager }
            }
        };
        let (secrets, following) = self
            .http()
            .get_page(&*self.inner.auth, route, Some("secrets"), &mut pager)
            .await?;
        Ok((secrets, following.map(|route| NextPage { route, pager })))
    }

    /// The public key values of `home` are sealed with
    /// (`GET /orgs/{org}/codespaces/secrets/public-key`; each home has its own).
    pub async fn get_public_key(&self, home: &SecretHome) -> Result<PublicKey, Error> {
        self.get(self.at(home, Endpoint::PublicKey)?).await
    }

    /// One secret (`GET /orgs/{org}/codespaces/secrets/{secret_name}`).
    pub async fn get_secret(&self, home: &SecretHome, name: &str) -> Result<Secret, Error> {
        self.get(self.at(home, Endpoint::Secret(name))?).await
    }

    /// Deletes a secret (`DELETE /orgs/{org}/codespaces/secrets/{secret_name}`).
    pub async fn delete_secret(&self, home: &SecretHome, name: &str) -> Result<(), Error> {
        let route = self.at(home, Endpoint::Secret(name))?;
        self.send(Method::DELETE, route, None).await.map(drop)
    }

    /// The repositories allowed to use a `selected` secret (an organization's or the user's)
    /// (`GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories`), every page.
    pub async fn list_selected_repositories(
        &self,
        home: &SecretHome,
        name: &str,
    ) -> Result<Vec<Repository>, Error> {
        let route = self.at(home, Endpoint::Repositories(name))?;
        self.get_all(route, Some("repositories")).await
    }

    /// Allows one more repository to use a `selected` secret
    /// (`PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}`).
    pub async fn add_selected_repository(
        &self,
        home: &SecretHome,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        self.change_membership(Method::PUT, home, name, id).await
    }

    /// Takes one repository's access to a `selected` secret away
    /// (`DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}`).
    pub async fn remove_selected_repository(
        &self,
        home: &SecretHome,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        self.change_membership(Method::DELETE, home, name, id).await
    }

    async fn change_membership(
        &self,
        method: Method,
        home: &SecretHome,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        let route = self.at(home, Endpoint::Repository(name, id))?;
        let _serialized = self.inner.locks.lock(home, name).await;
        self.send(method, route, None).await.map(drop)
    }

    /// A repository, by owner and name (`GET /repos/{owner}/{repo}`).
    pub async fn get_repository(&self, owner: &str, repo: &str) -> Result<Repository, Error> {
        self.get(self.http().route(REPO, &[owner, repo])?).await
    }

    /// Every repository of organization `org` (`GET /orgs/{org}/repos`), every page.
    pub async fn list_org_repositories(&self, org: &str) -> Result<Vec<Repository>, Error> {
        let route = self.http().route(ORG_REPOS, &[org])?;
        self.get_all(route, None).await
    }
}
