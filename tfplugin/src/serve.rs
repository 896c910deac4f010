//! Starting as a go-plugin plugin: check that Terraform launched us (magic cookie, protocol
//! version), listen on loopback within the allowed port range, print the handshake line
//! (`1|5|tcp|127.0.0.1:PORT|grpc|CERT`), then serve every service until the host calls
//! Shutdown (or SIGTERM). `--debug` serves standalone and prints `TF_REATTACH_PROVIDERS`
//! instead. Accepting connections is `accept.rs`; signals are `signals.rs`.

use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use crate::accept::{accept_loop, Conn, HANDSHAKE_TIMEOUT};
use crate::log;
use crate::proto::{health, plugin, tfplugin5};
use crate::provider::Provider;
use crate::server::ProviderService;
use crate::services::{Broker, Controller, Health, ShutdownSignal, Stdio};
use crate::signals;
use crate::tls::{auto_mtls, TlsError};

/// The environment variable go-plugin hosts set to prove they launched us.
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
/// Terraform's magic cookie value.
pub const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/// The plugin protocol major version we serve.
pub(crate) const PROTOCOL_VERSION: u32 = 5;

/// Why the plugin could not serve.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// Run by hand rather than by Terraform.
    #[error(
        "This binary is a Terraform provider plugin: Terraform runs it for you. Install it (see \
         the README) and run `terraform init`, or point Terraform at it with dev_overrides; use \
         --debug to serve it for TF_REATTACH_PROVIDERS."
    )]
    NotLaunchedByTerraform,
    /// The host offered no protocol version we speak.
    #[error("this provider speaks plugin protocol 5, but the host offered only {0:?}")]
    ProtocolVersion(String),
    /// No port could be bound.
    #[error("could not listen on 127.0.0.1 (ports {min}..={max}): {source}")]
    Bind {
        /// Lowest port tried.
        min: u16,
        /// Highest port tried.
        max: u16,
        /// The last error.
        source: std::io::Error,
    },
    /// The port range in the environment is not usable.
    #[error("PLUGIN_MIN_PORT/PLUGIN_MAX_PORT are invalid: {0}")]
    PortRange(String),
    /// TLS setup failed.
    #[error(transparent)]
    Tls(#[from] TlsError),
    /// The gRPC server failed.
    #[error("gRPC server: {0}")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// Writing the handshake failed.
    #[error("writing the handshake: {0}")]
    Io(#[from] std::io::Error),
}

/// How to serve, and what the provider says about itself.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ServeOptions {
    /// Standalone debug mode: no cookie needed, plaintext, reattach line printed.
    pub debug: bool,
    /// The provider's source address, e.g. `registry.terraform.io/acme/hello`: the
    /// reattach line names it.
    pub address: String,
    /// The provider's version, logged when serving starts.
    pub version: String,
    /// The `@module` of every log line, e.g. `provider.hello`.
    pub log_module: String,
}

impl ServeOptions {
    /// Options for the provider at `address`, version `version`; its log module is
    /// `provider.` and the address's last segment.
    pub fn new(address: impl Into<String>, version: impl Into<String>) -> Self {
        let address = address.into();
        let name = address.rsplit('/').next().unwrap_or_default().to_string();
        ServeOptions {
            debug: false,
            log_module: format!("provider.{name}"),
            address,
            version: version.into(),
        }
    }

    /// The same options, in debug mode or not.
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// The same options with another log module name.
    pub fn log_module(mut self, module: impl Into<String>) -> Self {
        self.log_module = module.into();
        self
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn check_launch(opts: &ServeOptions) -> Result<(), ServeError> {
    if opts.debug {
        return Ok(());
    }
    if env(MAGIC_COOKIE_KEY).as_deref() != Some(MAGIC_COOKIE_VALUE) {
        return Err(ServeError::NotLaunchedByTerraform);
    }
    if let Some(offered) = env("PLUGIN_PROTOCOL_VERSIONS") {
        let speaks = offered
            .split(',')
            .any(|v| v.trim().parse::<u32>() == Ok(PROTOCOL_VERSION));
        if !speaks {
            return Err(ServeError::ProtocolVersion(offered));
        }
    }
    Ok(())
}

fn port_range() -> Result<(u16, u16), ServeError> {
    let parse = |name: &str| -> Result<Option<u16>, ServeError> {
        env(name)
            .map(|v| {
                v.parse::<u16>()
                    .map_err(|_| ServeError::PortRange(format!("{name}={v}")))
            })
            .transpose()
    };
    match (parse("PLUGIN_MIN_PORT")?, parse("PLUGIN_MAX_PORT")?) {
        (None, None) => Ok((0, 0)),
        (min, max) => {
            let (min, max) = (min.unwrap_or(1024), max.unwrap_or(u16::MAX));
            if min > max {
                return Err(ServeError::PortRange(format!("{min} > {max}")));
            }
            Ok((min, max))
        }
    }
}

async fn bind() -> Result<TcpListener, ServeError> {
    let (min, max) = port_range()?;
    let mut last = std::io::Error::other("empty port range");
    for port in min..=max {
        match TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await {
            Ok(l) => return Ok(l),
            Err(e) => last = e,
        }
    }
    Err(ServeError::Bind {
        min,
        max,
        source: last,
    })
}

/// Serves `provider` until the host asks us to stop.
pub async fn serve(provider: Arc<dyn Provider>, opts: ServeOptions) -> Result<(), ServeError> {
    check_launch(&opts)?;
    log::init(&opts.log_module);
    let tls = match env("PLUGIN_CLIENT_CERT").filter(|_| !opts.debug) {
        Some(pem) => Some(auto_mtls(&pem)?),
        None => None,
    };
    let shutdown = ShutdownSignal::default();
    signals::install(opts.debug, shutdown.clone())?;
    let listener = bind().await?;
    let addr = listener.local_addr()?;
    let cert = tls.as_ref().map_or("", |t| t.handshake_cert.as_str());
    {
        let mut out = std::io::stdout().lock();
        if opts.debug {
            writeln!(out, "{}", reattach_instructions(&opts.address, addr))?;
        } else {
            writeln!(out, "1|{PROTOCOL_VERSION}|tcp|{addr}|grpc|{cert}")?;
        }
        out.flush()?;
    }
    tracing::debug!(address = %addr, version = %opts.version, "plugin serving");

    let (tx, rx) = mpsc::channel::<std::io::Result<Conn>>(16);
    let acceptor = tls.map(|t| tokio_rustls::TlsAcceptor::from(t.config));
    let accept_shutdown = shutdown.clone();
    tokio::spawn(async move {
        tokio::select! {
            () = accept_loop(listener, acceptor, HANDSHAKE_TIMEOUT, tx) => {}
            () = accept_shutdown.wait() => {}
        }
    });

    let router = tonic::transport::Server::builder()
        .add_service(tfplugin5::provider_server::ProviderServer::new(
            ProviderService::new(provider),
        ))
        .add_service(plugin::grpc_controller_server::GrpcControllerServer::new(
            Controller {
                shutdown: shutdown.clone(),
            },
        ))
        .add_service(plugin::grpc_stdio_server::GrpcStdioServer::new(Stdio {
            shutdown: shutdown.clone(),
        }))
        .add_service(plugin::grpc_broker_server::GrpcBrokerServer::new(Broker {
            shutdown: shutdown.clone(),
        }))
        .add_service(health::health_server::HealthServer::new(Health {
            shutdown: shutdown.clone(),
        }));
    let signal = shutdown.clone();
    let server = router.serve_with_incoming_shutdown(ReceiverStream::new(rx), async move {
        signal.wait().await;
    });
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => result.map_err(|e| ServeError::Transport(Box::new(e)))?,
        () = shutdown.wait() => {
            // Let in-flight answers (the Shutdown reply among them) go out, within bounds.
            let _ = tokio::time::timeout(Duration::from_secs(2), &mut server).await;
        }
    }
    tracing::debug!("plugin stopped");
    Ok(())
}

fn reattach_instructions(address: &str, addr: SocketAddr) -> String {
    let config = serde_json::json!({
        address: {
            "Protocol": "grpc",
            "ProtocolVersion": PROTOCOL_VERSION,
            "Pid": std::process::id(),
            "Test": true,
            "Addr": {"Network": "tcp", "String": addr.to_string()},
        }
    });
    format!(
        "Provider started in debug mode. To attach Terraform, set this in the shell where you \
         run it:\n\n\texport TF_REATTACH_PROVIDERS='{config}'\n\nStop the provider with Ctrl-C."
    )
}
