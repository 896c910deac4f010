//! The request log: one [`RequestRecord`] per request received (its route as GitHub's docs
//! write it, status, and which limit refused it, if one did), and the per-route tally a
//! benchmark reads ([`RouteTally`]: requests, writes, refusals).

use std::collections::BTreeMap;

/// One request received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// Method.
    pub method: String,
    /// `METHOD /route/{template}` as in GitHub's docs.
    pub route: String,
    /// The path requested.
    pub path: String,
    /// The status answered.
    pub status: u16,
    /// The limit that refused it (nothing was carried out), if one did.
    pub refused: Option<RefusedBy>,
}

impl RequestRecord {
    /// Whether its method writes (PUT, POST, PATCH, DELETE).
    pub fn is_write(&self) -> bool {
        matches!(self.method.as_str(), "PUT" | "POST" | "PATCH" | "DELETE")
    }
}

/// Which limit refused a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RefusedBy {
    /// A 429 (switched on through [`crate::Faults`]).
    RateLimit,
    /// A secondary-limit 403: points per endpoint, requests in flight, or switched on.
    SecondaryLimit,
    /// The content-creation limit's 403 ([`crate::ContentCreation`]).
    ContentCreation,
    /// The primary budget exhausted (403, `X-RateLimit-Remaining: 0`).
    PrimaryLimit,
}

/// What one route received, for benchmarks and budget tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RouteTally {
    /// Requests received.
    pub requests: u64,
    /// Of them, PUT, POST, PATCH or DELETE.
    pub writes: u64,
    /// Of them, refused by a limit ([`RefusedBy`]), so not carried out.
    pub refused: u64,
    /// Of the refused, by the content-creation limit.
    pub refused_content_creation: u64,
}

impl std::ops::Add for RouteTally {
    type Output = RouteTally;

    fn add(self, o: RouteTally) -> RouteTally {
        RouteTally {
            requests: self.requests + o.requests,
            writes: self.writes + o.writes,
            refused: self.refused + o.refused,
            refused_content_creation: self.refused_content_creation + o.refused_content_creation,
        }
    }
}

impl std::iter::Sum for RouteTally {
    fn sum<I: Iterator<Item = RouteTally>>(iter: I) -> RouteTally {
        iter.fold(RouteTally::default(), |a, b| a + b)
    }
}

/// The tally of `records` by route.
pub(crate) fn tally(records: &[RequestRecord]) -> BTreeMap<String, RouteTally> {
    let mut out: BTreeMap<String, RouteTally> = BTreeMap::new();
    for r in records {
        let t = out.entry(r.route.clone()).or_default();
        t.requests += 1;
        t.writes += u64::from(r.is_write());
        t.refused += u64::from(r.refused.is_some());
        t.refused_content_creation += u64::from(r.refused == Some(RefusedBy::ContentCreation));
    }
    out
}
