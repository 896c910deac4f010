//! One call's progress through its tries ([`Call`]: what was asked, where it goes now, how
//! its tries and waits went) and what one try decides ([`Verdict`]). The parts of the
//! transport that send, judge answers, read failures, follow redirects and wait all work
//! through these two, so each depends on this module rather than on the others.

use std::time::{Duration, Instant};

use reqwest::{Method, Url};

use super::pacing::endpoint;
use super::Answer;
use crate::auth::Bearer;
use crate::error::{Caller, Error, Request};
use crate::urls::{shown, Route};

/// What to do after one try.
pub(super) enum Verdict {
    /// A success (or 304): the call's answer.
    Done(Answer),
    /// A redirect of a GET, within the rules: try there next.
    Redirect(Url),
    /// A rate limit: wait this long; `primary` when the hourly budget is spent, `untimed`
    /// when GitHub named no time (the wait is the client's backoff).
    Wait {
        wait: Duration,
        primary: bool,
        untimed: bool,
    },
    /// A server or network failure: try again within the budget, else fail with this error.
    Retry(Error),
    /// An error to report as it is.
    Fail(Error),
}

impl Verdict {
    /// The outcome in a word or two, for the try's log line.
    pub(super) fn outcome(&self) -> &'static str {
        match self {
            Verdict::Done(_) => "done",
            Verdict::Redirect(_) => "redirected",
            Verdict::Wait { .. } => "rate limited",
            Verdict::Retry(_) => "may be retried",
            Verdict::Fail(_) => "failed",
        }
    }
}

/// One call's progress through its tries.
pub(super) struct Call<'a> {
    method: &'a Method,
    /// The route template GitHub's docs name the endpoint by.
    route: &'static str,
    /// The path first asked for, as API errors name it.
    path: String,
    /// Where the next try goes (moved by redirects).
    url: Url,
    /// The URLs this call was redirected from, in order.
    redirected_from: Vec<Url>,
    /// How the pacing knows the endpoint: `METHOD /route/{template}`.
    endpoint: String,
    /// Whether the answers' primary rate-limit headers are the client's budget.
    spends_the_budget: bool,
    /// Who makes the call, for the advice its errors give.
    caller: Caller,
    started: Instant,
    attempts: u32,
    retries: u32,
    /// Refusals for rate limits waited out.
    rate_waits: u32,
    /// Time spent waiting for rate limits (not counted against the retry deadline).
    rate_waited: Duration,
    /// The waits after secondary-limit refusals that named no time, in order.
    untimed_waits: Vec<Duration>,
    /// A write was sent and its answer lost: it may have been carried out.
    maybe_done: bool,
}

impl<'a> Call<'a> {
    /// A call of `method` to `route`, authenticated by `auth`.
    pub(super) fn new(method: &'a Method, route: Route, auth: &dyn Bearer) -> Call<'a> {
        Call {
            method,
            route: route.template,
            endpoint: endpoint(method, route.template),
            path: route.url.path().to_string(),
            url: route.url,
            redirected_from: Vec::new(),
            spends_the_budget: auth.spends_the_budget(),
            caller: auth.caller(),
            started: Instant::now(),
            attempts: 0,
            retries: 0,
            rate_waits: 0,
            rate_waited: Duration::ZERO,
            untimed_waits: Vec::new(),
            maybe_done: false,
        }
    }

    pub(super) fn method(&self) -> &Method {
        self.method
    }

    pub(super) fn route(&self) -> &'static str {
        self.route
    }

    /// Where the next try goes.
    pub(super) fn url(&self) -> &Url {
        &self.url
    }

    /// The endpoint as the pacing counts it.
    pub(super) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The request, as errors name it: the path first asked for, the URL tried last.
    pub(super) fn request(&self) -> Request {
        Request::new(
            self.method.as_str(),
            self.route,
            &self.path,
            shown(&self.url),
        )
    }

    pub(super) fn caller(&self) -> Caller {
        self.caller
    }

    pub(super) fn spends_the_budget(&self) -> bool {
        self.spends_the_budget
    }

    /// Tries so far (the one under way included).
    pub(super) fn attempts(&self) -> u32 {
        self.attempts
    }

    /// A try starts.
    pub(super) fn start_try(&mut self) {
        self.attempts += 1;
    }

    /// The next try goes to `to`.
    pub(super) fn redirect(&mut self, to: Url) {
        let from = std::mem::replace(&mut self.url, to);
        self.redirected_from.push(from);
    }

    /// Whether this call has asked for `url` already (a redirect there would loop).
    pub(super) fn has_asked(&self, url: &Url) -> bool {
        *url == self.url || self.redirected_from.contains(url)
    }

    /// Redirects followed so far.
    pub(super) fn redirects(&self) -> usize {
        self.redirected_from.len()
    }

    /// A try failed in a way that may pass: a write may have been carried out before its
    /// answer was lost.
    pub(super) fn lost_an_answer(&mut self) {
        self.maybe_done |= *self.method != Method::GET;
    }

    /// Whether a write of this call may have been carried out already.
    pub(super) fn maybe_done(&self) -> bool {
        self.maybe_done
    }

    /// Retries so far.
    pub(super) fn retries(&self) -> u32 {
        self.retries
    }

    /// A retry starts.
    pub(super) fn retrying(&mut self) {
        self.retries += 1;
    }

    /// The call's own time so far: rate-limit waits are not counted.
    pub(super) fn spent(&self) -> Duration {
        self.started.elapsed().saturating_sub(self.rate_waited)
    }

    /// Refusals for rate limits waited out so far.
    pub(super) fn rate_waits(&self) -> u32 {
        self.rate_waits
    }

    /// Time spent waiting for rate limits so far.
    pub(super) fn rate_waited(&self) -> Duration {
        self.rate_waited
    }

    /// A rate-limit refusal is about to be waited out.
    pub(super) fn refused(&mut self) {
        self.rate_waits += 1;
    }

    /// `d` was spent waiting for a rate limit (a refusal, a turn, a reset).
    pub(super) fn waited(&mut self, d: Duration) {
        self.rate_waited += d;
    }

    /// A refusal that named no time was waited out for `d`.
    pub(super) fn waited_untimed(&mut self, d: Duration) {
        self.untimed_waits.push(d);
    }

    /// The waits after refusals that named no time, in order.
    pub(super) fn untimed_waits(&self) -> &[Duration] {
        &self.untimed_waits
    }
}
