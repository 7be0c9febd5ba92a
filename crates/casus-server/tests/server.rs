//! A real server on 127.0.0.1:0, spoken to over TCP with plain HTTP/1.1, then shut down.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common::state;

async fn exchange(addr: std::net::SocketAddr, request: String) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8(out).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_on_a_free_port() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(casus_server::serve(listener, state(), async {
        let _ = stopped.await;
    }));

    let body = r#"{"aggressor":"RUS","victim":"EST","date":"2026-01-01"}"#;
    let answer = exchange(
        addr,
        format!(
            "POST /v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    let (_, json) = answer.split_once("\r\n\r\n").unwrap();
    let d: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(d["triggered"][0]["treaty"], "north-atlantic-treaty");

    let answer =
        exchange(addr, format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"))
            .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains("content-security-policy:"));

    // Garbage on the wire is the HTTP layer's to refuse; the server goes on.
    let answer = exchange(addr, "NOT HTTP\r\n\r\n".to_owned()).await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let answer = exchange(
        addr,
        format!("GET /v1/vocabulary HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server).await.unwrap().unwrap().unwrap();
}

/// A server with short limits, for the tests of slow, idle and too many clients.
async fn limited(
    limits: casus_server::Limits,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(casus_server::serve_with(
        listener,
        state(),
        async {
            let _ = stopped.await;
        },
        limits,
    ));
    (addr, stop)
}

/// Reads until the server closes the connection, or `within` passes: did it close?
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return false,
            Ok(Ok(0) | Err(_)) => return true,
            Ok(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_closed_and_the_rest_are_served() {
    let limits = casus_server::Limits {
        header_timeout: Duration::from_millis(300),
        idle_timeout: Duration::from_millis(600),
        max_connections: 3,
    };
    let (addr, stop) = limited(limits).await;
    // A client that sends its headers a byte at a time, too slowly.
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"POST /v1/check HTTP/1.1\r\nHo").await.unwrap();
    // Two that say nothing at all: with the slow one, every place is taken.
    let mut idle: Vec<TcpStream> = Vec::new();
    for _ in 0..2 {
        idle.push(TcpStream::connect(addr).await.unwrap());
    }
    // A fourth client is accepted once a place frees, and answered.
    let body = r#"{"aggressor":"RUS","victim":"EST","date":"2026-01-01"}"#;
    let late = tokio::spawn(exchange(
        addr,
        format!(
            "POST /v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    ));
    assert!(closed_within(&mut slow, Duration::from_secs(3)).await, "the slow client is closed");
    for s in &mut idle {
        assert!(closed_within(s, Duration::from_secs(3)).await, "an idle client is closed");
    }
    let answer = tokio::time::timeout(Duration::from_secs(5), late).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    stop.send(()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_request_lines_and_headers_get_the_error_shape() {
    let (addr, stop) = limited(casus_server::Limits::default()).await;
    let long = "x".repeat(casus_server::MAX_URI + 10);
    let answer = exchange(
        addr,
        format!("GET /v1/states?date={long} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 414"), "{}", &answer[..80.min(answer.len())]);
    assert!(answer.contains(r#""code":"bad-http""#), "{answer}");
    let headers: String =
        (0..casus_server::MAX_HEADERS.0 + 5).map(|i| format!("X-H{i}: v\r\n")).collect();
    let answer = exchange(
        addr,
        format!(
            "GET /v1/vocabulary HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n"
        ),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 431"), "{}", &answer[..80.min(answer.len())]);
    assert!(answer.contains(r#""errors""#), "{answer}");
    stop.send(()).unwrap();
}
