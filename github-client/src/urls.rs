//! The URLs the client builds and shows, with the one policy for an API root: https, or
//! plain http to a loopback address only ([`check_base_url`], used by the client and by
//! anyone who checks a base URL before building one). Routes are the templates GitHub's docs
//! name endpoints by, expanded with segments that can neither climb nor split (no `.`, `..`,
//! empty segments, `/` or control characters). Every URL a message or a log line shows goes
//! through [`shown`]: no credentials, query or fragment.

use std::net::IpAddr;

use reqwest::{Method, Url};

use crate::error::{BaseUrlProblem, Error, Request};

/// Checks an API root: an absolute URL that can hold paths, https, or plain http only to a
/// loopback address (the token would travel in clear to any other).
pub fn check_base_url(base_url: &str) -> Result<(), Error> {
    parse_base(base_url).map(drop)
}

/// The API root `base_url`, checked as [`check_base_url`] says, its path ending in `/` so
/// that routes extend it.
pub(crate) fn parse_base(base_url: &str) -> Result<Url, Error> {
    let refuse = |url: String, problem| Error::BaseUrl { url, problem };
    let mut url = Url::parse(base_url.trim_end_matches('/')).map_err(|e| {
        refuse(
            shown_text(base_url),
            BaseUrlProblem::NotAbsolute(e.to_string()),
        )
    })?;
    if url.cannot_be_a_base() {
        return Err(refuse(shown(&url), BaseUrlProblem::CannotHoldPaths));
    }
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => return Err(refuse(shown(&url), BaseUrlProblem::PlainHttp)),
        other => {
            let scheme = BaseUrlProblem::Scheme(other.to_string());
            return Err(refuse(shown(&url), scheme));
        }
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// Whether `url`'s host is this machine: `localhost`, 127.0.0.0/8 or ::1 (also as an
/// IPv4-mapped address, `::ffff:127.0.0.1`).
pub(crate) fn is_loopback(url: &Url) -> bool {
    let ip = match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") => return true,
        Some(url::Host::Domain(d)) => match d.parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => return false,
        },
        None => return false,
    };
    ip.to_canonical().is_loopback()
}

/// Why `segment` cannot be one segment of a request path, if it cannot.
fn segment_problem(segment: &str) -> Option<&'static str> {
    match segment {
        "" => Some("it is empty, which would leave the path's shape to chance"),
        "." | ".." => Some("it is a dot segment, which would move the request to another path"),
        s if s.contains('/') => Some("it holds a `/`, which would split it in two"),
        s if s.chars().any(char::is_control) => Some("it holds a control character"),
        _ => None,
    }
}

/// One endpoint's address: the route template GitHub's docs name it by
/// (`/orgs/{org}/codespaces/secrets/{secret_name}`), which logs and the pacing of secondary
/// limits use, and the URL it stands for.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    /// The template, with `{name}` for each parameter.
    pub(crate) template: &'static str,
    /// The URL asked for.
    pub(crate) url: Url,
}

impl Route {
    /// `template` under `base`, each `{name}` segment replaced by the next of `params`.
    pub(crate) fn expand(
        base: &Url,
        template: &'static str,
        params: &[&str],
    ) -> Result<Route, Error> {
        let mut params = params.iter();
        let mut segments = Vec::new();
        for part in template.split('/').filter(|s| !s.is_empty()) {
            if part.starts_with('{') && part.ends_with('}') {
                let value = params.next().ok_or_else(|| {
                    Error::Setup(format!("route {template} was given no value for {part}"))
                })?;
                segments.push(*value);
            } else {
                segments.push(part);
            }
        }
        if params.next().is_some() {
            return Err(Error::Setup(format!(
                "route {template} was given more values than it has parameters"
            )));
        }
        Ok(Route {
            template,
            url: join(base, &segments)?,
        })
    }

    /// The request of `method` to this route, as errors name it.
    pub(crate) fn request(&self, method: &Method) -> Request {
        Request::new(
            method.as_str(),
            self.template,
            self.url.path(),
            shown(&self.url),
        )
    }

    /// The same endpoint at another URL: a redirect's target, or a list's next page.
    pub(crate) fn at(&self, url: Url) -> Route {
        Route {
            template: self.template,
            url,
        }
    }
}

/// The URL of `segments` under `base`, each segment percent-encoded; refuses a segment that
/// would change the path's shape (see [`segment_problem`]).
fn join(base: &Url, segments: &[&str]) -> Result<Url, Error> {
    if let Some((segment, problem)) = segments
        .iter()
        .find_map(|s| segment_problem(s).map(|p| (s, p)))
    {
        return Err(Error::PathSegment {
            segment: (*segment).to_string(),
            problem,
        });
    }
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    Ok(url)
}

/// `url` as messages show it: scheme, host, port and path, without user, password, query or
/// fragment (which may hold credentials or cursors).
pub(crate) fn shown(url: &Url) -> String {
    let mut clean = url.clone();
    let _ = clean.set_username("");
    let _ = clean.set_password(None);
    clean.set_query(None);
    clean.set_fragment(None);
    clean.to_string()
}

/// Text meant as a URL that does not parse, as messages show it: cut at its query or
/// fragment, and without what comes before an `@` in its authority (user and password).
fn shown_text(text: &str) -> String {
    let text = text.split(['?', '#']).next().unwrap_or_default();
    let Some((scheme, rest)) = text.split_once("://") else {
        return text.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    format!("{scheme}://{host}{path}")
}

#[cfg(test)]
mod tests;
