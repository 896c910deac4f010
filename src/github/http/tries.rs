//! The tries of one call, whatever it authenticates with: wait for the budget and the
//! call's turn, send, judge the answer, then finish, follow a redirect (GET only), renew the
//! bearer once after a 401, wait out a rate limit, or retry a failure that may pass. The one
//! retry policy of the client: the App's own calls go through here too.

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION};
use reqwest::{Method, StatusCode, Url};
use serde_json::Value as Json;

use super::judge::Verdict;
use super::{failure, Answer, Http, API_VERSION};
use crate::github::auth::{authorization, Credentials};
use crate::github::error::Error;
use crate::github::pacing::endpoint;

/// One call's progress through its tries.
pub(super) struct Call<'a> {
    pub(super) method: &'a Method,
    /// Where the next try goes (moved by redirects).
    pub(super) url: Url,
    /// The path first asked for, as API errors name it.
    pub(super) path: String,
    pub(super) endpoint: String,
    pub(super) started: Instant,
    pub(super) attempts: u32,
    pub(super) retries: u32,
    pub(super) rate_waits: u32,
    /// Time spent waiting for rate limits (not counted against the retry deadline).
    pub(super) rate_waited: Duration,
    /// The waits after secondary-limit refusals that named no time, in order.
    pub(super) untimed_waits: Vec<Duration>,
    /// A write was sent and its answer lost: it may have been carried out.
    pub(super) maybe_done: bool,
    /// The URLs this call was redirected from, in order.
    pub(super) redirected_from: Vec<Url>,
    /// Whether the answers' primary rate-limit headers are the client's budget.
    pub(super) spends_the_budget: bool,
}

impl Http {
    /// Sends one request authenticated by `creds`, retrying and waiting as needed.
    pub(crate) async fn send_as(
        &self,
        creds: &dyn Credentials,
        method: Method,
        url: Url,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let mut bearer = creds.bearer(self).await?;
        let mut renewed = false;
        let segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.skip(self.base_depth).collect())
            .unwrap_or_default();
        let mut call = Call {
            method: &method,
            endpoint: endpoint(&method, &segments),
            path: url.path().to_string(),
            url: url.clone(),
            started: Instant::now(),
            attempts: 0,
            retries: 0,
            rate_waits: 0,
            rate_waited: Duration::ZERO,
            untimed_waits: Vec::new(),
            maybe_done: false,
            redirected_from: Vec::new(),
            spends_the_budget: creds.spends_the_budget(),
        };
        // After waiting out a refusal, the request goes at once: its turn has come.
        let mut waited_out = false;
        loop {
            if call.spends_the_budget {
                self.respect_block(&mut call).await?;
            }
            let ticket = self
                .pace(&mut call, std::mem::take(&mut waited_out))
                .await?;
            call.attempts += 1;
            let mut req = self
                .http
                .request(method.clone(), call.url.clone())
                .header(AUTHORIZATION, authorization(&bearer)?)
                .header(ACCEPT, "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
            if let Some(b) = body {
                req = req.json(b);
            }
            self.note(|s| s.requests += 1);
            let verdict = match req.send().await {
                Err(e) => failure::verdict(&call, &e),
                Ok(resp) => self.judge(&call, resp).await,
            };
            self.pacing.answered(&call.endpoint, ticket, Instant::now());
            match verdict {
                Verdict::Done(a) => return Ok(a),
                Verdict::Redirect(to) => {
                    let from = std::mem::replace(&mut call.url, to);
                    call.redirected_from.push(from);
                }
                // An installation token can expire mid-run: renew it once and try again.
                Verdict::Fail(e) if !renewed && e.status() == Some(401) => {
                    match creds.renew(self, &bearer).await {
                        Some(next) => (bearer, renewed) = (next?, true),
                        None => return Err(e),
                    }
                }
                // Our own earlier try deleted it; its answer was lost on the way.
                Verdict::Fail(e)
                    if call.maybe_done && method == Method::DELETE && e.is_not_found() =>
                {
                    return Ok(Answer {
                        status: StatusCode::NO_CONTENT,
                        headers: HeaderMap::new(),
                        body: Vec::new(),
                    })
                }
                Verdict::Fail(e) => return Err(e),
                Verdict::Wait {
                    wait,
                    primary,
                    untimed,
                } => {
                    self.wait_out_refusal(&mut call, wait, primary).await?;
                    if untimed {
                        call.untimed_waits.push(wait);
                    }
                    waited_out = true;
                }
                Verdict::Retry(e) => {
                    call.maybe_done |= method != Method::GET;
                    self.retry(&mut call, e).await?;
                }
            }
        }
    }
}
