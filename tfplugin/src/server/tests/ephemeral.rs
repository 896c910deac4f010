//! Ephemeral resources through the service: the schema served, declared validators run,
//! open answering the result (configured arguments kept), private data and renewal time,
//! renew and close receiving the private data, and the answers for types that cannot renew
//! or have nothing to close.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use super::*;
use crate::diagnostic::Outcome;
use crate::ephemeral::{
    CloseEphemeral, CloseRequest, EphemeralResource, OpenRequest, OpenResponse, RenewEphemeral,
    RenewRequest, RenewResponse,
};
use crate::schema::{Attribute, Block};
use crate::validator::Validator;

const RENEW_AT: Duration = Duration::from_secs(1_900_000_000);

/// A token for `name`; renewable and closable when `full`. Records what it received.
struct Token {
    name: &'static str,
    full: bool,
    seen: Mutex<Vec<String>>,
}

fn token_schema() -> Schema {
    Schema::new(
        Block::new()
            .attribute(
                Attribute::required("name", Type::String)
                    .validate(Validator::one_of("name", &["ann", "bob"])),
            )
            .attribute(Attribute::computed("token", Type::String).sensitive()),
    )
}

#[async_trait::async_trait]
impl EphemeralResource for Token {
    fn type_name(&self) -> &'static str {
        self.name
    }
    fn schema(&self) -> Schema {
        token_schema()
    }
    /// Answers only the token: the server keeps the configured name.
    async fn open(&self, req: OpenRequest) -> Outcome<OpenResponse> {
        let name = req
            .config
            .get("name")
            .as_str()
            .unwrap_or_default()
            .to_string();
        let result = Value::object([("token", Value::string(format!("t-{name}")))]);
        let opened = OpenResponse::from_result(result).with_private(b"lease-1".to_vec());
        Ok(opened.with_renew_at(SystemTime::UNIX_EPOCH + RENEW_AT))
    }
    fn as_renew(&self) -> Option<&dyn RenewEphemeral> {
        self.full.then_some(self as &dyn RenewEphemeral)
    }
    fn as_close(&self) -> Option<&dyn CloseEphemeral> {
        self.full.then_some(self as &dyn CloseEphemeral)
    }
}

#[async_trait::async_trait]
impl RenewEphemeral for Token {
    /// The first renewal sets new private data; the next keeps it and stops renewals.
    async fn renew(&self, req: RenewRequest) -> Outcome<RenewResponse> {
        let private = String::from_utf8_lossy(&req.private).to_string();
        self.seen.lock().unwrap().push(format!("renew {private}"));
        Ok(match private.as_str() {
            "lease-1" => {
                RenewResponse::again_at(SystemTime::now()).with_private(b"lease-2".to_vec())
            }
            _ => RenewResponse::done(),
        })
    }
}

#[async_trait::async_trait]
impl CloseEphemeral for Token {
    async fn close(&self, req: CloseRequest) -> Outcome<()> {
        let private = String::from_utf8_lossy(&req.private).to_string();
        self.seen.lock().unwrap().push(format!("close {private}"));
        Ok(())
    }
}

fn service() -> (ProviderService, Arc<Token>) {
    let full = Arc::new(Token {
        name: "t_token",
        full: true,
        seen: Mutex::new(Vec::new()),
    });
    let bare = Arc::new(Token {
        name: "t_bare",
        full: false,
        seen: Mutex::new(Vec::new()),
    });
    let serving = Serving {
        ephemeral_resources: vec![full.clone(), bare],
        ..Default::default()
    };
    (serving.service(), full)
}

fn config(name: &str) -> Option<pb::DynamicValue> {
    let value = Value::object([("name", Value::string(name)), ("token", Value::Null)]);
    Some(encode(&value, &token_schema().block.implied_type()).unwrap())
}

async fn open(s: &ProviderService, type_name: &str) -> pb::open_ephemeral_resource::Response {
    let req = pb::open_ephemeral_resource::Request {
        type_name: type_name.into(),
        config: config("ann"),
        ..Default::default()
    };
    s.open_ephemeral_resource(Request::new(req))
        .await
        .unwrap()
        .into_inner()
}

async fn renew(s: &ProviderService, private: &[u8]) -> pb::renew_ephemeral_resource::Response {
    let req = pb::renew_ephemeral_resource::Request {
        type_name: "t_token".into(),
        private: Some(private.to_vec()),
    };
    s.renew_ephemeral_resource(Request::new(req))
        .await
        .unwrap()
        .into_inner()
}

#[tokio::test]
async fn the_schema_is_served_and_declared_validators_run() {
    let (s, _) = service();
    let schema = schema_of(&s).await;
    assert!(schema.ephemeral_resource_schemas.contains_key("t_token"));
    let meta = metadata_of(&s).await;
    let names: Vec<_> = meta
        .ephemeral_resources
        .iter()
        .map(|e| e.type_name.as_str())
        .collect();
    assert_eq!(names, ["t_bare", "t_token"]);
    let req = pb::validate_ephemeral_resource_config::Request {
        type_name: "t_token".into(),
        config: config("zed"),
    };
    let out = s
        .validate_ephemeral_resource_config(Request::new(req))
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.diagnostics[0].summary, "Invalid name");
}

#[tokio::test]
async fn open_answers_the_result_its_private_data_and_renewal_time() {
    let (s, _) = service();
    let out = open(&s, "t_token").await;
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    let result = decode(out.result.as_ref(), &token_schema().block.implied_type()).unwrap();
    assert_eq!(
        result.get("name"),
        &Value::string("ann"),
        "configured name kept"
    );
    assert_eq!(result.get("token"), &Value::string("t-ann"));
    assert_eq!(out.private.as_deref(), Some(&b"lease-1"[..]));
    let renew_at = out.renew_at.unwrap();
    assert_eq!(renew_at.seconds as u64, RENEW_AT.as_secs());
}

#[tokio::test]
async fn renew_and_close_receive_the_private_data() {
    let (s, token) = service();
    let first = renew(&s, b"lease-1").await;
    assert!(first.renew_at.is_some());
    assert_eq!(first.private.as_deref(), Some(&b"lease-2"[..]));
    // No new private data: the current data stays for the next renewal.
    let last = renew(&s, b"lease-2").await;
    assert!(last.renew_at.is_none());
    assert_eq!(last.private.as_deref(), Some(&b"lease-2"[..]));
    let req = pb::close_ephemeral_resource::Request {
        type_name: "t_token".into(),
        private: Some(b"lease-1".to_vec()),
    };
    let closed = s.close_ephemeral_resource(Request::new(req)).await.unwrap();
    assert!(closed.into_inner().diagnostics.is_empty());
    let seen = token.seen.lock().unwrap().clone();
    assert_eq!(seen, ["renew lease-1", "renew lease-2", "close lease-1"]);
}

#[tokio::test]
async fn a_type_that_cannot_renew_may_not_ask_for_it_and_has_nothing_to_close() {
    let (s, _) = service();
    let out = open(&s, "t_bare").await;
    assert_eq!(
        out.diagnostics[0].summary,
        "Ephemeral resource cannot be renewed"
    );
    assert!(out.result.is_none());
    let req = pb::renew_ephemeral_resource::Request {
        type_name: "t_bare".into(),
        private: None,
    };
    let renewed = s.renew_ephemeral_resource(Request::new(req)).await.unwrap();
    assert_eq!(renewed.into_inner().diagnostics.len(), 1);
    let req = pb::close_ephemeral_resource::Request {
        type_name: "t_bare".into(),
        private: None,
    };
    let closed = s.close_ephemeral_resource(Request::new(req)).await.unwrap();
    assert!(closed.into_inner().diagnostics.is_empty());
    let out = open(&s, "t_nothing").await;
    assert_eq!(
        out.diagnostics[0].summary,
        "Unknown ephemeral resource type \"t_nothing\""
    );
}
