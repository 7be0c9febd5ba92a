#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod api;
mod error;
mod extract;
mod gate;
mod map;
mod memo;
mod state;
mod ui;

use std::future::Future;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use error::ApiError;
pub use memo::MEMO_BUDGET;
pub use state::{AppState, StateError};

/// The largest request body accepted: 64 KiB. A check request is a few hundred bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What a 503 asks the client to wait, in seconds.
pub const RETRY_AFTER_SECS: u32 = 1;

/// The longest a request may take before it is answered 408. Evaluation takes microseconds;
/// the limit is there for slow clients and bugs.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// The whole application: the `/v1` API, its OpenAPI document at `/v1/openapi.json`, and the
/// page at `/`. Tests call it directly (`app(state).oneshot(request)`), without a server.
///
/// Layers, outermost first: every 4xx without a JSON body (the router's 404 and 405,
/// tower-http's 408 and 413) is rewritten into the API's error shape; the request line and
/// header limits ([`MAX_URI`], [`MAX_HEADERS`]); a [`TIME_LIMIT`]; a [`BODY_LIMIT`] (checked
/// on `Content-Length` up front, and while reading).
pub fn app(state: AppState) -> Router {
    let (api, openapi) = api::router();
    let openapi_json = openapi.to_pretty_json().unwrap_or_else(|e| {
        // Unreachable with the document above; a broken document must not stop the API.
        eprintln!("casus-server: cannot serialize the OpenAPI document: {e}");
        "{}".to_owned()
    });
    Router::new()
        .merge(api)
        .route(
            "/v1/openapi.json",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                    openapi_json,
                )
            }),
        )
        .merge(ui::router())
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, TIME_LIMIT))
        .layer(axum::middleware::from_fn(request_limits))
        .layer(axum::middleware::map_response(uniform_errors))
}

/// Gives every error answer the API's shape: answers made outside the handlers (no route,
/// wrong method, time or size limit) come with an empty or plain-text body.
async fn uniform_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut rewritten = ApiError::from_status(status).into_response();
    if let Some(allow) = allow {
        rewritten.headers_mut().insert(header::ALLOW, allow);
    }
    rewritten
}

/// The longest request line (path and query) answered, in bytes: longer is a 414 in the
/// API's error shape. (Past hyper's own limits, 64 KiB, hyper answers without a body.)
pub const MAX_URI: usize = 8 * 1024;
/// The most headers, and their total size in bytes, answered: more is a 431 in the API's
/// error shape. (Past hyper's own buffer, 64 KiB, hyper answers without a body.)
pub const MAX_HEADERS: (usize, usize) = (64, 16 * 1024);
/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a connection may stay silent before it is closed (an idle keep-alive connection,
/// a client that stopped sending). Longer than [`TIME_LIMIT`], so that a request being
/// answered never times out its own connection.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// The most connections served at once; more wait in the kernel's accept queue.
pub const MAX_CONNECTIONS: usize = 512;

/// Answers requests over the limits on the request line and headers in the API's shape, before
/// any handler runs.
async fn request_limits(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let uri = request.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri > MAX_URI {
        return ApiError::from_status(StatusCode::URI_TOO_LONG).into_response();
    }
    let headers = request.headers();
    let size: usize = headers.iter().map(|(k, v)| k.as_str().len() + v.len() + 4).sum();
    if headers.len() > MAX_HEADERS.0 || size > MAX_HEADERS.1 {
        return ApiError::from_status(StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE).into_response();
    }
    next.run(request).await
}

/// The limits on connections: how long a client may take to send its headers, how long a
/// connection may stay silent, how many are served at once.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// See [`HEADER_TIMEOUT`].
    pub header_timeout: Duration,
    /// See [`IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// See [`MAX_CONNECTIONS`].
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: HEADER_TIMEOUT,
            idle_timeout: IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Serves [`app`] on a bound listener until `shutdown` completes, then finishes the requests
/// in flight. `casus serve` passes Ctrl-C; tests and the benchmark pass their own signal.
///
/// Each connection must send its headers within [`HEADER_TIMEOUT`] and is closed after
/// [`IDLE_TIMEOUT`] of silence; at most [`MAX_CONNECTIONS`] are served at once, so that slow
/// or idle clients cannot hold the server's memory or its sockets.
///
/// # Errors
/// An I/O error from the listener that is not about one connection.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, shutdown, Limits::default()).await
}

/// [`serve`] with other [`Limits`] (tests use short timeouts).
///
/// # Errors
/// An I/O error from the listener that is not about one connection.
pub async fn serve_with(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
    limits: Limits,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;

    let app = app(state);
    let connections = std::sync::Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            p = std::sync::Arc::clone(&connections).acquire_owned() => p,
            () = &mut shutdown => break,
        };
        let Ok(permit) = permit else { break };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            () = &mut shutdown => break,
        };
        let tcp = match accepted {
            Ok((tcp, _)) => tcp,
            // One connection's failure (reset before accept, out of descriptors for a moment)
            // is not the server's: wait a little and go on.
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        // Small JSON answers on kept-alive connections: without TCP_NODELAY, Nagle's
        // algorithm and delayed ACKs add tens of milliseconds to a response.
        let _ = tcp.set_nodelay(true);
        let mut io = tokio_io_timeout::TimeoutStream::new(tcp);
        io.set_read_timeout(Some(limits.idle_timeout));
        io.set_write_timeout(Some(limits.idle_timeout));
        // A client that sends nothing at all is given the header time, not the idle time:
        // silent sockets must not hold the places of the clients that speak.
        let io = TokioIo::new(FirstByte::new(Box::pin(io), limits.header_timeout));
        let service = TowerToHyperService::new(app.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_timeout)
            .max_buf_size(64 * 1024)
            .serve_connection(io, service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection's end (closed, reset, timed out) is its own business.
            let _ = connection.await;
            drop(permit);
        });
    }
    // Requests in flight finish; none takes longer than the time limit.
    let _ = tokio::time::timeout(TIME_LIMIT + Duration::from_secs(1), graceful.shutdown()).await;
    Ok(())
}

/// A connection that must send its first byte before a deadline; after that, reads pass
/// through (the idle timeout of the stream inside applies).
struct FirstByte<S> {
    inner: S,
    deadline: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
}

impl<S> FirstByte<S> {
    fn new(inner: S, within: Duration) -> Self {
        Self { inner, deadline: Some(Box::pin(tokio::time::sleep(within))) }
    }
}

impl<S: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for FirstByte<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if let std::task::Poll::Ready(Ok(())) = &polled {
            if buf.filled().len() > before {
                self.deadline = None;
            }
            return polled;
        }
        if let Some(d) = self.deadline.as_mut() {
            if d.as_mut().poll(cx).is_ready() {
                return std::task::Poll::Ready(Err(std::io::ErrorKind::TimedOut.into()));
            }
        }
        polled
    }
}

impl<S: tokio::io::AsyncWrite + Unpin> tokio::io::AsyncWrite for FirstByte<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        data: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, data)
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// Errors of `accept` that concern one connection or a passing shortage, not the listener.
fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionReset, Interrupted, WouldBlock};
    matches!(e.kind(), ConnectionAborted | ConnectionReset | Interrupted | WouldBlock)
        || e.raw_os_error().is_some_and(|c| c == 23 || c == 24) // ENFILE, EMFILE
}
