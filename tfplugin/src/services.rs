//! The services go-plugin expects beside the provider: the controller (Shutdown ends the
//! process), stdio (an idle stream: our logs go straight to stderr), the broker (accepted
//! and drained; we never open extra connections) and gRPC health ("plugin" is SERVING).

use std::pin::Pin;
use std::sync::Arc;

use futures::{Stream, StreamExt};
use tokio::sync::watch;
use tonic::{Request, Response, Status, Streaming};

use crate::proto::health::{self, health_check_response::ServingStatus};
use crate::proto::plugin;

type BoxStream<T> = Pin<Box<dyn Stream<Item = Result<T, Status>> + Send + 'static>>;

/// Raised once, when the host asks us to exit; every long-lived stream ends with it.
#[derive(Clone)]
pub(crate) struct ShutdownSignal {
    tx: Arc<watch::Sender<bool>>,
}

impl Default for ShutdownSignal {
    fn default() -> Self {
        ShutdownSignal {
            tx: Arc::new(watch::channel(false).0),
        }
    }
}

impl ShutdownSignal {
    /// Raises the signal.
    pub(crate) fn raise(&self) {
        self.tx.send_replace(true);
    }

    /// Resolves once the signal is raised.
    pub(crate) async fn wait(&self) {
        let mut rx = self.tx.subscribe();
        let _ = rx.wait_for(|raised| *raised).await;
    }

    /// A stream that yields nothing and ends when the signal is raised.
    fn idle_stream<T: Send + 'static>(&self) -> BoxStream<T> {
        let me = self.clone();
        Box::pin(
            futures::stream::once(async move { me.wait().await }).filter_map(|()| async { None }),
        )
    }
}

/// `plugin.GRPCController`: Shutdown raises the signal, which ends the server.
pub(crate) struct Controller {
    /// Raised when the host asks us to exit.
    pub(crate) shutdown: ShutdownSignal,
}

#[tonic::async_trait]
impl plugin::grpc_controller_server::GrpcController for Controller {
    async fn shutdown(&self, _: Request<plugin::Empty>) -> Result<Response<plugin::Empty>, Status> {
        tracing::debug!("Shutdown requested by the host");
        self.shutdown.raise();
        Ok(Response::new(plugin::Empty {}))
    }
}

/// `plugin.GRPCStdio`: a stream that stays open until shutdown and never carries data.
pub(crate) struct Stdio {
    /// Ends the stream.
    pub(crate) shutdown: ShutdownSignal,
}

#[tonic::async_trait]
impl plugin::grpc_stdio_server::GrpcStdio for Stdio {
    type StreamStdioStream = BoxStream<plugin::StdioData>;

    async fn stream_stdio(
        &self,
        _: Request<plugin::Empty>,
    ) -> Result<Response<Self::StreamStdioStream>, Status> {
        Ok(Response::new(self.shutdown.idle_stream()))
    }
}

/// `plugin.GRPCBroker`: reads and discards what the host sends.
pub(crate) struct Broker {
    /// Ends the stream.
    pub(crate) shutdown: ShutdownSignal,
}

#[tonic::async_trait]
impl plugin::grpc_broker_server::GrpcBroker for Broker {
    type StartStreamStream = BoxStream<plugin::ConnInfo>;

    async fn start_stream(
        &self,
        req: Request<Streaming<plugin::ConnInfo>>,
    ) -> Result<Response<Self::StartStreamStream>, Status> {
        let mut incoming = req.into_inner();
        tokio::spawn(async move { while let Some(Ok(_)) = incoming.next().await {} });
        Ok(Response::new(self.shutdown.idle_stream()))
    }
}

/// `grpc.health.v1.Health`: the plugin is serving as long as the process runs.
pub(crate) struct Health {
    /// Ends watch streams.
    pub(crate) shutdown: ShutdownSignal,
}

fn status_of(service: &str) -> ServingStatus {
    if service.is_empty() || service == "plugin" {
        ServingStatus::Serving
    } else {
        ServingStatus::ServiceUnknown
    }
}

#[tonic::async_trait]
impl health::health_server::Health for Health {
    type WatchStream = BoxStream<health::HealthCheckResponse>;

    async fn check(
        &self,
        req: Request<health::HealthCheckRequest>,
    ) -> Result<Response<health::HealthCheckResponse>, Status> {
        let status = status_of(&req.get_ref().service);
        if status == ServingStatus::ServiceUnknown {
            return Err(Status::not_found("unknown service"));
        }
        Ok(Response::new(health::HealthCheckResponse {
            status: status as i32,
        }))
    }

    async fn watch(
        &self,
        req: Request<health::HealthCheckRequest>,
    ) -> Result<Response<Self::WatchStream>, Status> {
        let first = health::HealthCheckResponse {
            status: status_of(&req.get_ref().service) as i32,
        };
        let stream =
            futures::stream::once(async move { Ok(first) }).chain(self.shutdown.idle_stream());
        Ok(Response::new(Box::pin(stream)))
    }
}
