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
