//! The URLs the client builds and shows: the API root checked (https, or plain http to a
//! loopback address only), routes (the template GitHub's docs name an endpoint by, expanded
//! with segments that can neither climb nor split: no `.`, `..`, empty segments, `/` or
//! control characters), and URLs shown in messages without credentials, query or fragment.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::Error;

/// Refuses an API root the token may not be sent to: plain http to anything but a loopback
/// address (the token would travel in clear), or another scheme.
pub(crate) fn check_base(url: &Url) -> Result<(), Error> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::PlainHttp { url: shown(url) }),
        other => Err(Error::Setup(format!(
            "base URL {} has scheme {other:?}; use https",
            shown(url)
        ))),
    }
}

/// Whether `url`'s host is this machine: `localhost`, 127.0.0.0/8 or ::1 (also as an
/// IPv4-mapped address).
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Some(url::Host::Domain(d)) => {
            d.eq_ignore_ascii_case("localhost")
                || d.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn plain_http_is_for_loopback_only() {
        for ok in [
            "https://api.github.com/",
            "http://127.0.0.1:8080/",
            "http://127.5.6.7/",
            "http://[::1]:9/",
            "http://[::ffff:127.0.0.1]/",
            "http://localhost:1/",
        ] {
            assert!(check_base(&url(ok)).is_ok(), "{ok}");
        }
        for bad in ["http://example.com/", "http://10.0.0.1/", "http://[::2]/"] {
            assert!(
                matches!(check_base(&url(bad)), Err(Error::PlainHttp { .. })),
                "{bad}"
            );
        }
        assert!(matches!(check_base(&url("ftp://x/")), Err(Error::Setup(_))));
    }

    #[test]
    fn segments_cannot_climb_or_split() {
        let base = url("https://h/api/v3/");
        assert_eq!(
            join(&base, &["repos", "acme", "a b%"]).unwrap().as_str(),
            "https://h/api/v3/repos/acme/a%20b%25"
        );
        for bad in ["..", ".", "", "a/b", "x\ny", "\u{7f}", "tab\t"] {
            let err = join(&base, &["repos", "acme", bad]).unwrap_err();
            assert!(matches!(err, Error::PathSegment { .. }), "{bad:?}: {err}");
        }
    }

    #[test]
    fn routes_expand_their_parameters_in_order() {
        let base = url("https://h/api/v3/");
        let r = Route::expand(
            &base,
            "/orgs/{org}/codespaces/secrets/{secret_name}",
            &["acme", "A B"],
        )
        .unwrap();
        assert_eq!(
            r.url.as_str(),
            "https://h/api/v3/orgs/acme/codespaces/secrets/A%20B"
        );
        assert_eq!(r.template, "/orgs/{org}/codespaces/secrets/{secret_name}");
        assert!(Route::expand(&base, "/repos/{owner}/{repo}", &["a"]).is_err());
        assert!(Route::expand(&base, "/orgs/{org}", &["a", "b"]).is_err());
        assert!(Route::expand(&base, "/orgs/{org}", &[".."]).is_err());
    }

    #[test]
    fn shown_urls_hold_no_credentials_or_query() {
        assert_eq!(
            shown(&url("https://u:p@h:8443/x/y?token=s#f")),
            "https://h:8443/x/y"
        );
    }
}
