//! Logging in the shape go-plugin understands: one JSON object per line on stderr, with
//! `@level`, `@message`, `@module` and `@timestamp`. Terraform parses these lines and merges
//! them into its own log, so `TF_LOG_PROVIDER` (else `TF_LOG`) picks the level: TRACE, DEBUG,
//! INFO, WARN, ERROR (JSON means TRACE; OFF or unset, nothing).
//!
//! Callers pass only non-secret context (names, ids, counts, statuses). Never pass a secret
//! value, a token, or a whole config or state value: this module cannot tell them apart.

use std::io::Write;
use std::sync::OnceLock;

/// A log level, least to most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Every RPC and API call.
    Trace,
    /// Decisions worth seeing when debugging.
    Debug,
    /// Notable events (e.g. a resource gone from GitHub).
    Info,
    /// Something odd that did not stop the operation.
    Warn,
    /// A failure.
    Error,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Trace => "trace",
            Level::Debug => "debug",
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }

    /// Parses a `TF_LOG` value; `None` means logging is off.
    pub fn from_env_value(value: &str) -> Option<Level> {
        match value.trim().to_ascii_uppercase().as_str() {
            "TRACE" | "JSON" => Some(Level::Trace),
            "DEBUG" => Some(Level::Debug),
            "INFO" => Some(Level::Info),
            "WARN" => Some(Level::Warn),
            "ERROR" => Some(Level::Error),
            _ => None,
        }
    }
}

static MODULE: OnceLock<String> = OnceLock::new();

/// Names the `@module` of every line (e.g. `provider.hello`); the first call wins. Serving
/// sets it from `ServeOptions`; before that, lines say `provider`.
pub fn set_module(name: &str) {
    let _ = MODULE.set(name.to_string());
}

fn module() -> &'static str {
    MODULE.get().map_or("provider", String::as_str)
}

fn threshold() -> Option<Level> {
    static LEVEL: OnceLock<Option<Level>> = OnceLock::new();
    *LEVEL.get_or_init(|| {
        let value = std::env::var("TF_LOG_PROVIDER")
            .ok()
            .filter(|v| !v.is_empty())
            .or_else(|| std::env::var("TF_LOG").ok())?;
        Level::from_env_value(&value)
    })
}

/// Whether messages at `level` are written.
pub fn enabled(level: Level) -> bool {
    threshold().is_some_and(|t| level >= t)
}

/// One log line as JSON (without the newline).
pub fn format_line(level: Level, message: &str, fields: &[(&str, &str)]) -> String {
    let mut obj = serde_json::Map::new();
    obj.insert("@level".into(), level.name().into());
    obj.insert("@message".into(), message.into());
    obj.insert("@module".into(), module().into());
    obj.insert(
        "@timestamp".into(),
        timestamp(time::OffsetDateTime::now_utc()).into(),
    );
    for (k, v) in fields {
        obj.insert((*k).to_string(), (*v).into());
    }
    serde_json::Value::Object(obj).to_string()
}

/// UTC with exactly six fractional digits: go-plugin reads `@timestamp` with the layout
/// `2006-01-02T15:04:05.000000Z07:00` and shows a line it cannot read as a raw DEBUG line,
/// whatever its level.
fn timestamp(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Writes one line at `level` if enabled.
pub fn log(level: Level, message: &str, fields: &[(&str, &str)]) {
    if enabled(level) {
        let line = format_line(level, message, fields);
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{line}");
    }
}

/// Logs at trace level.
pub fn trace(message: &str, fields: &[(&str, &str)]) {
    log(Level::Trace, message, fields);
}

/// Logs at debug level.
pub fn debug(message: &str, fields: &[(&str, &str)]) {
    log(Level::Debug, message, fields);
}

/// Logs at info level.
pub fn info(message: &str, fields: &[(&str, &str)]) {
    log(Level::Info, message, fields);
}

/// Logs at warn level.
pub fn warn(message: &str, fields: &[(&str, &str)]) {
    log(Level::Warn, message, fields);
}

/// Logs at error level.
pub fn error(message: &str, fields: &[(&str, &str)]) {
    log(Level::Error, message, fields);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_like_terraform() {
        assert_eq!(Level::from_env_value("json"), Some(Level::Trace));
        assert_eq!(Level::from_env_value("Debug"), Some(Level::Debug));
        assert_eq!(Level::from_env_value("off"), None);
        assert!(Level::Error > Level::Warn);
    }

    #[test]
    fn lines_are_hclog_json() {
        let line = format_line(Level::Info, "hello", &[("secret_name", "DB")]);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["@level"], "info");
        assert_eq!(v["@message"], "hello");
        assert_eq!(v["secret_name"], "DB");
        assert!(v["@timestamp"].as_str().is_some_and(|t| t.ends_with('Z')));
    }

    #[test]
    fn timestamps_have_the_six_fraction_digits_go_plugin_parses() {
        let t = time::OffsetDateTime::from_unix_timestamp_nanos(1_795_000_000_123_456_789)
            .unwrap()
            .to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
        assert_eq!(timestamp(t), "2026-11-18T11:06:40.123456Z");
    }
}
