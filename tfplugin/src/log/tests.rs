use std::sync::Mutex;

use tracing_subscriber::layer::SubscriberExt;

use super::*;

fn capture(level: LevelFilter, f: impl FnOnce()) -> Vec<Json> {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let seen = lines.clone();
    let layer = HclogLayer::new("provider.hello", level)
        .with_sink(move |l| seen.lock().unwrap().push(l.to_string()));
    tracing::subscriber::with_default(tracing_subscriber::registry().with(layer), f);
    let lines = lines.lock().unwrap();
    lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn levels_parse_like_terraform() {
    assert_eq!(parse_level("json"), LevelFilter::TRACE);
    assert_eq!(parse_level("Debug"), LevelFilter::DEBUG);
    assert_eq!(parse_level("off"), LevelFilter::OFF);
    assert_eq!(parse_level(""), LevelFilter::OFF);
}

#[test]
fn lines_are_hclog_json_with_the_fields_of_their_spans() {
    let lines = capture(LevelFilter::DEBUG, || {
        let span = tracing::error_span!("rpc", tf_rpc = "ReadResource", tf_resource_id = "DB");
        let _in = span.enter();
        tracing::info!(secret_name = "DB", attempt = 2u32, "hello {}", "world");
        tracing::trace!("too fine");
    });
    assert_eq!(lines.len(), 1, "{lines:?}");
    let v = &lines[0];
    assert_eq!(v["@level"], "info");
    assert_eq!(v["@message"], "hello world");
    assert_eq!(v["@module"], "provider.hello");
    assert_eq!(v["secret_name"], "DB");
    assert_eq!(v["attempt"], 2);
    assert_eq!(v["tf_rpc"], "ReadResource");
    assert_eq!(v["tf_resource_id"], "DB");
    assert!(v["@timestamp"].as_str().is_some_and(|t| t.ends_with('Z')));
}

#[test]
fn the_transport_stack_speaks_only_from_warn_up() {
    let lines = capture(LevelFilter::TRACE, || {
        tracing::debug!(target: "h2::proto", "frame");
        tracing::debug!(target: "hyper_util::client", "connecting");
        tracing::warn!(target: "h2::proto", "odd frame");
        tracing::debug!(target: "h2o", "not h2");
    });
    let messages: Vec<&str> = lines
        .iter()
        .filter_map(|v| v["@message"].as_str())
        .collect();
    assert_eq!(messages, ["odd frame", "not h2"]);
}

#[test]
fn timestamps_have_the_six_fraction_digits_go_plugin_parses() {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(1_795_000_000_123_456_789)
        .unwrap()
        .to_offset(time::UtcOffset::from_hms(2, 0, 0).unwrap());
    assert_eq!(timestamp(t), "2026-11-18T11:06:40.123456Z");
}
