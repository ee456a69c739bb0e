//! The HTTP endpoint: `/metrics` (Prometheus text), `/healthz` (alive: the consume loop turns),
//! `/readyz` (ready).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus::{Encoder, Registry, TextEncoder};
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::health::Health;

/// What the handlers read.
#[derive(Clone)]
struct Endpoint {
    registry: Registry,
    health: Arc<Health>,
}

/// Binds `address`; fails at start-up, not later, if the port is taken.
pub async fn bind(address: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(address).await
}

/// Serves until `shutdown` is cancelled.
pub async fn serve(
    listener: TcpListener,
    registry: Registry,
    health: Arc<Health>,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .with_state(Endpoint { registry, health });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

async fn metrics(State(endpoint): State<Endpoint>) -> impl IntoResponse {
    let encoder = TextEncoder::new();
    let mut body = Vec::new();
    match encoder.encode(&endpoint.registry.gather(), &mut body) {
        Ok(()) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, encoder.format_type().to_owned())],
            body,
        ),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain".to_owned())],
            e.to_string().into_bytes(),
        ),
    }
}

async fn healthz(State(endpoint): State<Endpoint>) -> (StatusCode, String) {
    match endpoint.health.liveness() {
        Ok(()) => (StatusCode::OK, "ok\n".to_owned()),
        Err(stalled) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "stalled: the consume loop has not turned for {:.1} s\n",
                stalled.silent_for.as_secs_f64()
            ),
        ),
    }
}

async fn readyz(State(endpoint): State<Endpoint>) -> (StatusCode, &'static str) {
    if endpoint.health.is_ready() {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
    }
}

/// The address a bound listener actually uses (port 0 picks a free one).
pub fn local_address(listener: &TcpListener) -> Option<SocketAddr> {
    listener.local_addr().ok()
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::time::Duration;

    use super::*;
    use crate::metrics::Metrics;

    /// The status code of `GET path` on `address`.
    fn status(address: SocketAddr, path: &str) -> u16 {
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").expect("request");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("response");
        response[9..12].parse().expect("a status code")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn healthz_fails_while_the_consume_loop_is_stalled() {
        let registry = Registry::new();
        let metrics = Metrics::new(&registry).expect("metrics");
        let health = Arc::new(Health::new(metrics, Duration::from_millis(300)));
        let listener = bind("127.0.0.1:0".parse().unwrap()).await.expect("bind");
        let address = listener.local_addr().expect("address");
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve(
            listener,
            registry,
            Arc::clone(&health),
            shutdown.clone(),
        ));
        let get = |path: &'static str| tokio::task::spawn_blocking(move || status(address, path));

        assert_eq!(get("/healthz").await.unwrap(), 200, "live before consuming");
        health.beat();
        assert_eq!(get("/healthz").await.unwrap(), 200, "live while turning");
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(
            get("/healthz").await.unwrap(),
            503,
            "a silent loop is stuck"
        );
        health.beat();
        assert_eq!(
            get("/healthz").await.unwrap(),
            200,
            "live again once it turns"
        );

        shutdown.cancel();
        server.await.expect("join").expect("serve");
    }
}
