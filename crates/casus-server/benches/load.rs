//! `cargo bench -p casus-server --bench load`: `casus serve`'s app under load, on loopback.
//!
//! Starts the server in this process on 127.0.0.1:0 (the same `casus_server::serve` that
//! `casus serve` runs, on a tokio runtime of its own), then drives `POST /v1/check` from
//! blocking client threads over kept-alive connections: a closed loop, each connection sending
//! its next request when the last answer is read in full. Two workloads:
//!
//! - **hot**: the requests cycle through a mix of 24 events (places, points, targets, facts,
//!   an assumed proposal), as a page in use asks; after the first answer each is served from
//!   the server's memo of answers. Every answer is compared byte for byte with the first
//!   answer to the same request, so a wrong or partial answer fails the run.
//! - **cold**: every request is a different event (pairs of states that existed throughout,
//!   on successive days from 1816), so every answer is evaluated and serialized afresh. Each
//!   answer must be a 200 with a decision.
//!
//! Prints requests per second, latency percentiles and the process's resident memory
//! (`VmRSS` from /proc/self/status) after the warm-up and after each round: flat memory over
//! the hot rounds means no per-request growth; over the cold rounds it grows until the memo is
//! full (`casus_server::MEMO_BUDGET`) and no further.
//!
//! - **hostile**: a cheap probe (`POST /v1/check`, one connection, closed loop) runs while 36
//!   clients send worst-case simulations (16 events, 200,000 samples) without pause, 8 clients
//!   send checks naming a 60,000-character treaty id, 50 clients send their headers a byte a
//!   second, and 2,000 sockets connect and say nothing. Prints the probe's latencies, what the
//!   hostile clients were answered, and the RSS; the run fails if the probe's p99 reaches
//!   50 ms.
//!
//! Bounded: only loopback, a fixed number of seconds per round (`CASUS_LOAD_SECS`, default 5,
//! at most 60) and of requests per round (at most 5,000,000). `CASUS_LOAD_CONNS` sets the
//! number of connections (default 8), `CASUS_LOAD_WORKERS` the server's threads (default 2).
//! The load generator shares the machine's cores with the server.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a benchmark that checks its results fails loudly"
)]

// The allocator the `casus` binary (and so `casus serve`) uses.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const MAX_SECS: u64 = 60;
const MAX_REQUESTS: u64 = 5_000_000;
/// Latency histogram: 1 µs buckets up to 100 ms; slower answers land in the last bucket.
const BUCKETS: usize = 100_000;

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The hot mix: what an analyst's session sends.
fn bodies() -> Vec<String> {
    let mut out = Vec::new();
    for (aggressor, victim, date) in [
        ("RUS", "EST", "2026-01-01"),
        ("RUS", "POL", "2026-01-01"),
        ("RUS", "NOR", "1960-06-01"),
        ("CHN", "JPN", "2026-01-01"),
        ("CHN", "PHL", "2026-01-01"),
        ("PRK", "KOR", "1990-01-01"),
        ("USA", "PRK", "2026-01-01"),
        ("GMY", "FRN", "1914-08-03"),
        ("ARG", "GBR", "1982-04-02"),
        ("IRN", "SAU", "2026-01-01"),
    ] {
        for target in ["territory", "forces"] {
            out.push(format!(
                r#"{{"aggressor":"{aggressor}","victim":"{victim}","date":"{date}","target":"{target}"}}"#
            ));
        }
    }
    out.push(
        r#"{"aggressor":"CHN","victim":"USA","date":"2026-01-01","at":{"lat":21.31,"lon":-157.86}}"#
            .into(),
    );
    out.push(r#"{"aggressor":"CHN","victim":"PHL","date":"2026-01-01","at":{"lat":15.15,"lon":117.76},"target":"vessel"}"#.into());
    out.push(r#"{"aggressor":"RUS","victim":"UKR","date":"2027-01-01","assume_in_force":["ukraine-guarantee-proposal-2025"]}"#.into());
    out.push(
        r#"{"aggressor":"USA","victim":"PRK","date":"2026-01-01","facts":{"state-of-war":true}}"#
            .into(),
    );
    out
}

fn request_bytes(body: &str) -> Vec<u8> {
    format!(
        "POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// States that exist on every day from 1816 (the registry's start) to today.
const ALWAYS: &[&str] =
    &["USA", "GBR", "FRA", "RUS", "ESP", "PRT", "SWE", "DNK", "TUR", "CHN", "JPN", "NLD"];

/// The `index`th cold event: a pair of states and a day, distinct for distinct indices below
/// 132 pairs × 76,000 days.
fn cold_request(index: u64) -> Vec<u8> {
    let n = ALWAYS.len();
    let pairs = (n * (n - 1)) as u64;
    let pair = (index % pairs) as usize;
    let (a, v) = (pair / (n - 1), pair % (n - 1));
    let v = if v >= a { v + 1 } else { v };
    let day = jiff::civil::date(1816, 1, 1)
        .checked_add(jiff::Span::new().days((index / pairs % 76_000) as i64))
        .expect("a day");
    request_bytes(&format!(
        r#"{{"aggressor":"{}","victim":"{}","date":"{day}"}}"#,
        ALWAYS[a], ALWAYS[v]
    ))
}

/// A minimal HTTP/1.1 client for answers with a Content-Length (which axum always sends for
/// these bodies). Returns the status and fills `body`.
fn exchange(conn: &mut BufReader<TcpStream>, request: &[u8], body: &mut Vec<u8>) -> u16 {
    try_exchange(conn, request, body).expect("an answer")
}

/// [`exchange`], `None` when the connection fails (closed by the server, reset).
fn try_exchange(
    conn: &mut BufReader<TcpStream>,
    request: &[u8],
    body: &mut Vec<u8>,
) -> Option<u16> {
    conn.get_mut().write_all(request).ok()?;
    let mut line = String::new();
    if conn.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok())?;
    let mut length = None;
    loop {
        line.clear();
        if conn.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    body.resize(length?, 0);
    conn.read_exact(body).ok()?;
    Some(status)
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// What the clients send.
#[derive(Clone)]
enum Workload {
    /// A fixed mix, each answer checked against the first answer to it.
    Hot { requests: Arc<Vec<Vec<u8>>>, expected: Arc<Vec<Vec<u8>>> },
    /// A new event every request; `offset` keeps rounds from repeating one another's events.
    Cold { offset: u64 },
}

/// A round's results. Percentiles are read straight from the client threads' histograms, so
/// that the round allocates nothing that would show in the RSS.
struct Round {
    requests: u64,
    secs: f64,
    /// p50, p90, p99, p99.9, in milliseconds.
    latency: [f64; 4],
}

impl Round {
    fn report(&self, name: &str) -> u64 {
        let rss = rss_kib();
        let [p50, p90, p99, p999] = self.latency;
        println!(
            "{name}: {:>7} requests in {:.1} s = {:>6.0} req/s; latency p50 {p50:.3} ms, p90 {p90:.3} ms, p99 {p99:.3} ms, p99.9 {p999:.3} ms; RSS {rss} KiB",
            self.requests,
            self.secs,
            self.requests as f64 / self.secs,
        );
        rss
    }
}

/// One round's orders for a client thread.
struct Job {
    workload: Workload,
    stop: Arc<AtomicBool>,
}

/// The load generator: `conns` threads, each with its kept-alive connection, buffers and
/// histogram made once, so that nothing it allocates between rounds shows in the RSS.
struct Clients {
    orders: Vec<mpsc::Sender<Job>>,
    done: mpsc::Receiver<u64>,
    histograms: Arc<Vec<Mutex<Vec<u64>>>>,
}

impl Clients {
    fn start(addr: SocketAddr, conns: usize) -> Self {
        // Written once through black_box: a zeroed allocation is not resident until touched,
        // and the RSS must not grow as latencies reach new buckets.
        let histograms: Arc<Vec<Mutex<Vec<u64>>>> = Arc::new(
            (0..conns)
                .map(|_| {
                    let mut h = vec![0u64; BUCKETS];
                    h.iter_mut().for_each(|x| *x = std::hint::black_box(0));
                    Mutex::new(h)
                })
                .collect(),
        );
        let (done_tx, done) = mpsc::channel();
        let per_thread = MAX_REQUESTS / conns as u64;
        let orders = (0..conns)
            .map(|t| {
                let (tx, rx) = mpsc::channel::<Job>();
                let (done_tx, histograms) = (done_tx.clone(), Arc::clone(&histograms));
                std::thread::spawn(move || {
                    let stream = TcpStream::connect(addr).expect("connect");
                    stream.set_nodelay(true).expect("nodelay");
                    let mut conn = BufReader::with_capacity(64 * 1024, stream);
                    let mut body = Vec::with_capacity(64 * 1024);
                    for Job { workload, stop } in rx {
                        let mut histogram = histograms[t].lock().expect("own histogram");
                        let mut n = 0u64;
                        while !stop.load(Ordering::Relaxed) && n < per_thread {
                            let us = match &workload {
                                Workload::Hot { requests, expected } => {
                                    // Threads start at different requests.
                                    let k = (t + n as usize) % requests.len();
                                    let t0 = Instant::now();
                                    let status = exchange(&mut conn, &requests[k], &mut body);
                                    let us = t0.elapsed().as_micros() as usize;
                                    assert_eq!(status, 200);
                                    assert!(
                                        body == expected[k],
                                        "answer {k} differs from the first"
                                    );
                                    us
                                }
                                Workload::Cold { offset } => {
                                    let request =
                                        cold_request(offset + n * conns as u64 + t as u64);
                                    let t0 = Instant::now();
                                    let status = exchange(&mut conn, &request, &mut body);
                                    let us = t0.elapsed().as_micros() as usize;
                                    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
                                    assert!(body.starts_with(br#"{"event":{"aggressor":"#));
                                    us
                                }
                            };
                            histogram[us.min(BUCKETS - 1)] += 1;
                            n += 1;
                        }
                        drop(histogram);
                        done_tx.send(n).expect("report");
                    }
                });
                tx
            })
            .collect();
        Self { orders, done, histograms }
    }

    /// One measured round of `secs` seconds.
    fn round(&self, workload: &Workload, secs: u64) -> Round {
        let stop = Arc::new(AtomicBool::new(false));
        let start = Instant::now();
        for o in &self.orders {
            o.send(Job { workload: workload.clone(), stop: Arc::clone(&stop) }).expect("order");
        }
        std::thread::sleep(Duration::from_secs(secs));
        stop.store(true, Ordering::Relaxed);
        let mut requests = 0;
        for _ in &self.orders {
            requests += self.done.recv().expect("client thread");
        }
        let secs = start.elapsed().as_secs_f64();
        let mut histograms: Vec<_> =
            self.histograms.iter().map(|h| h.lock().expect("histogram")).collect();
        let wanted =
            [0.50, 0.90, 0.99, 0.999].map(|p| ((requests as f64) * p).ceil().max(1.0) as u64);
        let mut latency = [f64::NAN; 4];
        let mut seen = 0;
        for us in 0..BUCKETS {
            for h in histograms.iter_mut() {
                seen += h[us];
                h[us] = 0;
            }
            for (slot, want) in latency.iter_mut().zip(wanted) {
                if slot.is_nan() && seen >= want {
                    *slot = us as f64 / 1000.0;
                }
            }
        }
        Round { requests, secs, latency }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; any filter argument is ignored: there is one benchmark.
    let secs = env_or("CASUS_LOAD_SECS", 5).clamp(1, MAX_SECS);
    let conns = env_or("CASUS_LOAD_CONNS", 8).clamp(1, 256) as usize;
    let workers = env_or("CASUS_LOAD_WORKERS", 2).clamp(1, 64) as usize;

    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data");
    let state = casus_server::AppState::load(std::path::Path::new(data)).expect("bundled data");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
        .expect("runtime");
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("bind");
    let addr = listener.local_addr().expect("addr");
    assert!(addr.ip().is_loopback());
    let (stop_server, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(casus_server::serve(listener, state, async {
        let _ = stopped.await;
    }));

    let bodies = bodies();
    let requests: Arc<Vec<Vec<u8>>> = Arc::new(bodies.iter().map(|b| request_bytes(b)).collect());
    // The first answer to each request is the reference for every later one.
    let mut conn = BufReader::new(TcpStream::connect(addr).expect("connect"));
    let mut bytes = 0;
    let expected: Arc<Vec<Vec<u8>>> = Arc::new(
        requests
            .iter()
            .zip(&bodies)
            .map(|(r, b)| {
                let mut body = Vec::new();
                let status = exchange(&mut conn, r, &mut body);
                assert_eq!(status, 200, "{b}: {}", String::from_utf8_lossy(&body));
                bytes += body.len();
                body
            })
            .collect(),
    );
    drop(conn);
    println!(
        "load: POST /v1/check on {addr}; {conns} connections, {workers} server threads, {secs} s per round; hot mix of {} events (mean answer {} bytes)",
        requests.len(),
        bytes / requests.len()
    );

    let hot = Workload::Hot { requests, expected };
    let clients = Clients::start(addr, conns);
    // A full round, so that buffers and allocator arenas reach their working size first.
    let warm = clients.round(&hot, secs);
    let rss_before = rss_kib();
    println!("warm-up: {} requests; RSS {rss_before} KiB", warm.requests);
    let mut rss = rss_before;
    for r in 1..=3 {
        rss = clients.round(&hot, secs).report(&format!("hot round {r}"));
    }
    println!(
        "memory, hot: RSS {rss_before} KiB after the warm-up, {rss} KiB after three rounds ({:+} KiB)",
        rss as i64 - rss_before as i64
    );
    let cold_before = rss;
    let mut offset = 0;
    for r in 1..=2 {
        let m = clients.round(&Workload::Cold { offset }, secs);
        // No thread sent more than all of the round's requests: skip past every index used.
        offset += (m.requests + 1) * conns as u64;
        rss = m.report(&format!("cold round {r}"));
    }
    println!(
        "memory, cold: RSS {cold_before} KiB before, {rss} KiB after two rounds ({:+} KiB; the memo holds at most {} KiB of answers)",
        rss as i64 - cold_before as i64,
        casus_server::MEMO_BUDGET / 1024
    );
    // Closing the orders ends the client threads and their connections.
    drop(clients);
    hostile(addr, secs, &bodies[0]);
    stop_server.send(()).ok();
    runtime.block_on(server).expect("server task").expect("server");
}

/// The 16 events of a worst-case simulation: Russia attacks sixteen NATO members at once.
fn worst_simulation() -> Vec<u8> {
    let victims = [
        "EST", "LVA", "LTU", "POL", "FIN", "SWE", "NOR", "DEU", "ROU", "BGR", "SVK", "HUN", "CZE",
        "DNK", "NLD", "BEL",
    ];
    let events: Vec<String> = victims
        .iter()
        .map(|v| format!(r#"{{"date":"2026-01-01","aggressor":"RUS","victim":"{v}"}}"#))
        .collect();
    let body = format!(r#"{{"events":[{}],"samples":200000}}"#, events.join(","));
    format!(
        "POST /v1/simulate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The hostile mix (see the module documentation).
fn hostile(addr: SocketAddr, secs: u64, probe_body: &str) {
    // The probe is a user already on the page: connected before the attack, asking without
    // pause throughout; its latencies count from the moment every attacker is in place.
    let probe = Arc::new(request_bytes(probe_body));
    let measuring = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let prober = {
        let (probe, measuring, stop) =
            (Arc::clone(&probe), Arc::clone(&measuring), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut conn = BufReader::new(TcpStream::connect(addr).expect("probe connect"));
            let mut body = Vec::new();
            let mut latencies: Vec<u32> = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let t0 = Instant::now();
                let status = exchange(&mut conn, &probe, &mut body);
                assert_eq!(status, 200);
                if measuring.load(Ordering::Relaxed) {
                    latencies.push(t0.elapsed().as_micros() as u32);
                }
            }
            latencies
        })
    };
    let counts: Arc<Mutex<std::collections::BTreeMap<String, u64>>> = Arc::default();
    let mut threads = Vec::new();
    let count = |counts: &Arc<Mutex<std::collections::BTreeMap<String, u64>>>, what: String| {
        *counts.lock().expect("counts").entry(what).or_insert(0) += 1;
    };
    // 36 clients sending worst-case simulations, each on its own connection, without pause.
    let sim = Arc::new(worst_simulation());
    for _ in 0..36 {
        let (stop, counts, sim) = (Arc::clone(&stop), Arc::clone(&counts), Arc::clone(&sim));
        threads.push(std::thread::spawn(move || {
            let mut body = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let Ok(stream) = TcpStream::connect(addr) else { continue };
                let mut conn = BufReader::new(stream);
                while !stop.load(Ordering::Relaxed) {
                    match try_exchange(&mut conn, &sim, &mut body) {
                        Some(status) => count(&counts, format!("simulate {status}")),
                        None => break, // closed (after a time-out): connect again
                    }
                }
            }
        }));
    }
    // 8 clients naming a 60,000-character treaty id.
    let long = "x".repeat(60_000);
    let long_req = Arc::new(request_bytes(&format!(
        r#"{{"aggressor":"RUS","victim":"EST","assume_in_force":["{long}"]}}"#
    )));
    for _ in 0..8 {
        let (stop, counts, req) = (Arc::clone(&stop), Arc::clone(&counts), Arc::clone(&long_req));
        threads.push(std::thread::spawn(move || {
            let mut body = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let Ok(stream) = TcpStream::connect(addr) else { continue };
                let mut conn = BufReader::new(stream);
                while let Some(status) = try_exchange(&mut conn, &req, &mut body) {
                    count(&counts, format!("long id {status}"));
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                }
            }
        }));
    }
    // 50 clients sending their headers a byte a second.
    for _ in 0..50 {
        let (stop, counts) = (Arc::clone(&stop), Arc::clone(&counts));
        threads.push(std::thread::spawn(move || {
            let head =
                b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
            let Ok(mut s) = TcpStream::connect(addr) else { return };
            for b in head.iter().cycle() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if s.write_all(&[*b]).is_err() {
                    count(&counts, "slow client closed by the server".to_owned());
                    break;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }));
    }
    // 2,000 sockets that connect and say nothing (those past the connection limit wait in
    // the kernel's queue, or time out connecting).
    let mut idle = Vec::new();
    for _ in 0..2_000 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => idle.push(s),
            Err(_) => count(&counts, "idle socket not connected".to_owned()),
        }
    }
    let rss_idle = rss_kib();
    measuring.store(true, Ordering::Relaxed);
    std::thread::sleep(Duration::from_secs(secs.max(5)));
    measuring.store(false, Ordering::Relaxed);
    let rss = rss_kib();
    let mut body = Vec::new();
    // A new user under the attack: how long until a fresh connection is answered.
    let t0 = Instant::now();
    let newcomer = TcpStream::connect(addr)
        .ok()
        .and_then(|s| try_exchange(&mut BufReader::new(s), &probe, &mut body));
    let newcomer_ms = t0.elapsed().as_secs_f64() * 1000.0;
    stop.store(true, Ordering::Relaxed);
    drop(idle);
    let mut latencies = prober.join().expect("probe");
    latencies.sort_unstable();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        f64::from(latencies[i]) / 1000.0
    };
    println!(
        "hostile: probe {} requests; latency p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms; RSS {rss_idle} KiB with the idle sockets, {rss} KiB at the end",
        latencies.len(),
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "  a new connection under the attack: answered {} after {newcomer_ms:.0} ms (silent sockets are closed after the header time, {} s)",
        newcomer.map_or_else(|| "not at all".to_owned(), |s| s.to_string()),
        casus_server::HEADER_TIMEOUT.as_secs()
    );
    for (what, n) in counts.lock().expect("counts").iter() {
        println!("  {what}: {n}");
    }
    assert!(pct(0.99) < 50.0, "the probe's p99 reached 50 ms under the hostile mix");
    for t in threads {
        let _ = t.join();
    }
}
