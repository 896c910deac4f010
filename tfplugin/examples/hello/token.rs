//! The ephemeral resource `hello_token`: a token for `name`, valid for this run only, which
//! Terraform never stores. Each opening is a lease (its private data: the process and a
//! number, so that the leases of a plan and an apply differ); the token
//! asks to be renewed at once and once only, and says when it is opened, renewed and
//! closed (at `TF_LOG_PROVIDER=info`), naming the lease, never the token.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use tfplugin::{
    async_trait, Attribute, Block, CloseEphemeral, CloseRequest, EphemeralResource, OpenRequest,
    OpenResponse, Outcome, RenewEphemeral, RenewRequest, RenewResponse, Schema, Type, Validator,
};

#[derive(Serialize, Deserialize)]
struct TokenModel {
    name: String,
    token: Option<String>,
}

#[derive(Default)]
pub struct Token {
    leases: AtomicU64,
}

fn lease(private: &[u8]) -> String {
    String::from_utf8_lossy(private).into_owned()
}

#[async_trait]
impl EphemeralResource for Token {
    fn type_name(&self) -> &'static str {
        "hello_token"
    }

    fn schema(&self) -> Schema {
        let name = Attribute::required("name", Type::String)
            .description("Who the token is for.")
            .validate(Validator::string("Invalid name", |n: &str| {
                n.is_empty()
                    .then(|| "The name cannot be empty.".to_string())
            }));
        let token = Attribute::computed("token", Type::String)
            .sensitive()
            .description("The token.");
        Schema::new(
            Block::new()
                .description("A token for this run only.")
                .attribute(name)
                .attribute(token),
        )
        .model::<TokenModel>()
    }

    async fn open(&self, req: OpenRequest) -> Outcome<OpenResponse> {
        let mut token: TokenModel = req.to_model(&req.config)?;
        let number = self.leases.fetch_add(1, Ordering::SeqCst) + 1;
        let lease = format!("lease-{}-{number}", std::process::id());
        tracing::info!(lease, "opened token");
        token.token = Some(format!("secret-for-{}", token.name));
        Ok(OpenResponse::from_result(req.to_value(&token)?)
            .with_private(lease.into_bytes())
            .with_renew_at(SystemTime::now()))
    }

    fn as_renew(&self) -> Option<&dyn RenewEphemeral> {
        Some(self)
    }

    fn as_close(&self) -> Option<&dyn CloseEphemeral> {
        Some(self)
    }
}

#[async_trait]
impl RenewEphemeral for Token {
    async fn renew(&self, req: RenewRequest) -> Outcome<RenewResponse> {
        tracing::info!(lease = lease(&req.private), "renewed token");
        Ok(RenewResponse::done())
    }
}

#[async_trait]
impl CloseEphemeral for Token {
    async fn close(&self, req: CloseRequest) -> Outcome<()> {
        tracing::info!(lease = lease(&req.private), "closed token");
        Ok(())
    }
}
