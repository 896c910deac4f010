//! Following a list's pages, for full listings and page-at-a-time ones alike: each page's
//! `Link: <...>; rel="next"` is followed on the API's own origin only, each page is fetched
//! at most once, and at most `ClientConfig::max_pages` pages are read. A `next` link that
//! leaves the origin or points back at a page already fetched, or a list that does not end
//! within the cap, fails the listing with an error saying so: a list is never silently cut
//! short, never loops and never returns duplicates.

use std::collections::HashSet;

use reqwest::{Method, Url};
use serde::de::DeserializeOwned;

use super::limits::next_link;
use super::Http;
use crate::auth::Bearer;
use crate::error::Error;
use crate::urls::{shown, Route};

/// The pages of one listing fetched so far.
#[derive(Debug, Clone)]
pub(crate) struct Pager {
    fetched: HashSet<Url>,
    max: u32,
}

impl Pager {
    /// A listing that reads at most `max` pages.
    pub(crate) fn new(max: u32) -> Pager {
        Pager {
            fetched: HashSet::new(),
            max,
        }
    }

    /// Counts page `route` as fetched, unless the cap is reached.
    fn start(&mut self, route: &Route) -> Result<(), Error> {
        if self.fetched.len() >= self.max as usize {
            return Err(Error::Pagination {
                request: route.request(&Method::GET),
                problem: format!(
                    "the list did not end within {} pages: every page named another, so the listing was stopped there rather than read without end",
                    self.max
                ),
            });
        }
        self.fetched.insert(route.url.clone());
        Ok(())
    }

    /// `next`, the page that `from`'s answer names next, if it may be fetched.
    fn check(&self, from: &Route, next: Url) -> Result<Route, Error> {
        let refuse = |problem: String| Error::Pagination {
            request: from.request(&Method::GET),
            problem,
        };
        if next.origin() != from.url.origin() {
            return Err(refuse(format!(
                "its next page is on another origin ({}); pages are read from the API's origin only, so the listing was stopped",
                next.origin().ascii_serialization()
            )));
        }
        if self.fetched.contains(&next) {
            return Err(refuse(format!(
                "its next page ({}) is a page already fetched: the list would go round without end, so the listing was stopped",
                shown(&next)
            )));
        }
        Ok(from.at(next))
    }
}

impl Http {
    /// A pager with this client's page cap.
    pub(crate) fn pager(&self) -> Pager {
        Pager::new(self.config.max_pages)
    }

    /// GETs every page of a list (100 items a page), each item decoded. `key` names the
    /// array in the body (`None`: the body is the array).
    pub(crate) async fn get_all<T: DeserializeOwned>(
        &self,
        auth: &dyn Bearer,
        mut route: Route,
        key: Option<&str>,
    ) -> Result<Vec<T>, Error> {
        route.url.query_pairs_mut().append_pair("per_page", "100");
        let mut pager = self.pager();
        let mut items = Vec::new();
        let mut next = Some(route);
        while let Some(route) = next.take() {
            let (page, following) = self.get_page(auth, route, key, &mut pager).await?;
            items.extend(page);
            next = following;
        }
        Ok(items)
    }

    /// GETs one page of a list, counted in `pager`: its items, decoded, and the next page's
    /// route when there is one. The first page's URL should carry `per_page`.
    pub(crate) async fn get_page<T: DeserializeOwned>(
        &self,
        auth: &dyn Bearer,
        route: Route,
        key: Option<&str>,
        pager: &mut Pager,
    ) -> Result<(Vec<T>, Option<Route>), Error> {
        pager.start(&route)?;
        let answer = self.send(auth, Method::GET, route.clone(), None).await?;
        let items = answer.items(key)?;
        let next = next_link(&answer.headers)
            .map(|n| pager.check(&route, n))
            .transpose()?;
        Ok((items, next))
    }
}
