//! Logs in the shape go-plugin understands, through the `tracing` facade: [`HclogLayer`] is
//! a `tracing_subscriber` layer that writes one JSON object per line on stderr, with
//! `@level`, `@message`, `@module` and `@timestamp`, then every field of the event and of
//! the spans around it. Terraform parses these lines and merges them into its own log, so
//! `TF_LOG_PROVIDER` (else `TF_LOG`) picks the level: TRACE, DEBUG, INFO, WARN, ERROR (JSON
//! means TRACE; OFF or unset, nothing).
//!
//! `tfplugin::serve()` installs the layer ([`init`]) unless the process already has a
//! subscriber; a provider then logs with `tracing::info!` and friends. Each RPC runs in a
//! span naming it (`tf_rpc`), its type (`tf_resource_type`, `tf_data_source_type`, ...) and,
//! where the schema has a non-sensitive `id`, the ID it works on (`tf_resource_id`): every
//! line logged while the provider serves it carries them.
//!
//! The crates under the server and the HTTP clients (h2, hyper, tonic, tower, rustls,
//! reqwest, tokio) are logged at WARN and above only, whatever the level.
//!
//! Log only non-secret context (names, ids, counts, statuses). Never a secret value, a
//! token, or a whole config or state value: a log line cannot tell them apart.

use std::fmt;
use std::io::Write;
use std::sync::Arc;

use serde_json::{Map, Value as Json};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

pub use tracing::level_filters::LevelFilter;

/// Crates whose lines are kept only from WARN up: the transport stack, whose debug and
/// trace lines describe frames and connections, not the provider's work.
const QUIET: &[&str] = &[
    "h2",
    "hyper",
    "hyper_util",
    "tonic",
    "tower",
    "rustls",
    "tokio_rustls",
    "reqwest",
    "tokio",
    "mio",
    "want",
];

/// Parses a `TF_LOG` value: TRACE (or JSON), DEBUG, INFO, WARN, ERROR; anything else is
/// OFF.
pub fn parse_level(value: &str) -> LevelFilter {
    match value.trim().to_ascii_uppercase().as_str() {
        "TRACE" | "JSON" => LevelFilter::TRACE,
        "DEBUG" => LevelFilter::DEBUG,
        "INFO" => LevelFilter::INFO,
        "WARN" => LevelFilter::WARN,
        "ERROR" => LevelFilter::ERROR,
        _ => LevelFilter::OFF,
    }
}

/// The level Terraform asks of providers: `TF_LOG_PROVIDER`, else `TF_LOG`.
pub fn level_from_env() -> LevelFilter {
    std::env::var("TF_LOG_PROVIDER")
        .ok()
        .filter(|v| !v.is_empty())
        .or_else(|| std::env::var("TF_LOG").ok())
        .map_or(LevelFilter::OFF, |v| parse_level(&v))
}

/// Installs an [`HclogLayer`] for `module` at the level of [`level_from_env`] as the
/// process's subscriber, unless logging is off or a subscriber is set already. Answers
/// whether it did.
pub fn init(module: &str) -> bool {
    use tracing_subscriber::layer::SubscriberExt;
    let layer = HclogLayer::new(module, level_from_env());
    if layer.level == LevelFilter::OFF {
        return false;
    }
    let subscriber = tracing_subscriber::registry().with(layer);
    tracing::subscriber::set_global_default(subscriber).is_ok()
}

type Sink = Arc<dyn Fn(&str) + Send + Sync>;

/// Writes events as hclog JSON lines, for go-plugin to merge into Terraform's log.
#[derive(Clone)]
pub struct HclogLayer {
    module: String,
    level: LevelFilter,
    sink: Sink,
}

impl fmt::Debug for HclogLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HclogLayer")
            .field("module", &self.module)
            .field("level", &self.level)
            .finish()
    }
}

impl HclogLayer {
    /// Lines of `module` (e.g. `provider.hello`) at `level` and above, on stderr.
    pub fn new(module: impl Into<String>, level: LevelFilter) -> Self {
        HclogLayer {
            module: module.into(),
            level,
            sink: Arc::new(|line| {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{line}");
            }),
        }
    }

    /// The same layer, handing each line (without its newline) to `sink` instead.
    pub fn with_sink(mut self, sink: impl Fn(&str) + Send + Sync + 'static) -> Self {
        self.sink = Arc::new(sink);
        self
    }

    /// Whether lines of `meta`'s level and target are written.
    fn allows(&self, meta: &Metadata<'_>) -> bool {
        let target = meta.target();
        let quiet = QUIET
            .iter()
            .any(|c| target == *c || target.strip_prefix(c).is_some_and(|r| r.starts_with("::")));
        let level = if quiet {
            self.level.min(LevelFilter::WARN)
        } else {
            self.level
        };
        *meta.level() <= level
    }

    /// One line for `level`, `message` and `fields`, as JSON (without the newline).
    fn line(&self, level: &Level, fields: Map<String, Json>) -> String {
        let mut obj = Map::new();
        obj.insert("@level".into(), level_name(level).into());
        obj.insert("@module".into(), self.module.clone().into());
        obj.insert(
            "@timestamp".into(),
            timestamp(time::OffsetDateTime::now_utc()).into(),
        );
        for (k, v) in fields {
            let key = if k == "message" { "@message".into() } else { k };
            obj.insert(key, v);
        }
        obj.entry("@message").or_insert_with(|| "".into());
        Json::Object(obj).to_string()
    }
}

impl<S> Layer<S> for HclogLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn enabled(&self, meta: &Metadata<'_>, _: Context<'_, S>) -> bool {
        self.allows(meta)
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(self.level)
    }

    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            let mut fields = Fields::default();
            attrs.record(&mut fields);
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(fields) = span.extensions_mut().get_mut::<Fields>() {
                values.record(fields);
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        if let Some(scope) = ctx.event_scope(event) {
            for span in scope.from_root() {
                if let Some(own) = span.extensions().get::<Fields>() {
                    fields.0.extend(own.0.clone());
                }
            }
        }
        event.record(&mut fields);
        (self.sink)(&self.line(event.metadata().level(), fields.0));
    }
}

/// The fields of a span or an event, as JSON values.
#[derive(Default)]
struct Fields(Map<String, Json>);

impl Visit for Fields {
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), value.into());
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), value.into());
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().into(), value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), value.into());
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .insert(field.name().into(), format!("{value:?}").into());
    }
}

fn level_name(level: &Level) -> &'static str {
    match *level {
        Level::TRACE => "trace",
        Level::DEBUG => "debug",
        Level::INFO => "info",
        Level::WARN => "warn",
        Level::ERROR => "error",
    }
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

#[cfg(test)]
mod tests;
