//! `--atop PATH` and `CASUS_ATOP` (issue #15): ATOP alliances without a treaty file join the
//! data as `atop-<atopid>`, on check, cascade and serve. The member file is made up here, in
//! ATOP's shape, so that the tests run without the reference data (casus ships none).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{casus, repo};

/// The columns the layer reads (ATOP 5.1's member-level file has these and many more).
const COLUMNS: &[&str] = &[
    "atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
    "olimob", "obvary", "statthr1", "statthr2", "defense", "offense", "neutral", "nonagg",
    "consul", "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr", "offcoadv",
    "offcoloc", "offcocon", "offconum", "offcodem", "neucoadv", "neucoloc", "neucocon", "neuconum",
    "neucodem", "neuconpr", "concoadv", "concoloc", "concocon", "concoreq",
];

/// Two made-up alliances (atopids no real alliance has): 99001, Honduras and El Salvador,
/// defence against anyone, 1970 to 1980; 99002, the same two, defence only against the
/// threat ATOP names (Nicaragua, COW 93).
fn fixture(dir: &Path) -> PathBuf {
    let row = |atopid: u32, member: u16, set: &[(&str, u16)]| {
        COLUMNS
            .iter()
            .map(|c| match *c {
                "atopid" => atopid.to_string(),
                "member" => member.to_string(),
                "phase" => "1".into(),
                "yrent" => "1970".into(),
                "moent" | "dayent" => "1".into(),
                "yrexit" => "1980".into(),
                "moexit" | "dayexit" => "1".into(),
                c => set.iter().find(|(k, _)| *k == c).map_or("0".into(), |(_, v)| v.to_string()),
            })
            .collect::<Vec<_>>()
            .join(",")
    };
    let mut text = COLUMNS.join(",") + "\n";
    for member in [91, 92] {
        text += &(row(99001, member, &[("defense", 1)]) + "\n");
        text += &(row(99002, member, &[("defense", 1), ("defcoadv", 1), ("statthr1", 93)]) + "\n");
    }
    let path = dir.join("atop-fixture.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn bound_under(v: &serde_json::Value, treaty: &str) -> Vec<String> {
    let Some(f) = v["triggered"].as_array().unwrap().iter().find(|f| f["treaty"] == treaty) else {
        return Vec::new();
    };
    let mut out: Vec<String> = f["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["obligated"].as_array().unwrap().iter())
        .map(|s| s["code"].as_str().unwrap().to_owned())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn not_triggered(v: &serde_json::Value) -> Vec<String> {
    v["not_triggered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["treaty"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn check_with_atop_evaluates_the_alliances_no_file_carries() {
    let dir = tempfile::tempdir().unwrap();
    let atop = fixture(dir.path());
    let atop = atop.to_str().unwrap();
    let args = ["check", "--aggressor", "NIC", "--victim", "HND", "--date", "1975-06-01"];
    let r = casus(&[&args[..], &["--atop", atop]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The event and the layer's findings (the bundled treaties' findings change with the data).
    let blocks: Vec<&str> = r.stdout.split("\n\n").collect();
    let ours: Vec<&str> = blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| *i == 0 || b.contains("(atop-"))
        .map(|(_, b)| *b)
        .collect();
    insta::assert_snapshot!(ours.join("\n\n").replace(atop, "[fixture]"));

    let json = |extra: &[&str]| {
        let r = casus(&[&args[..], &["--format", "json"], extra].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()
    };
    let with = json(&["--atop", atop]);
    assert_eq!(bound_under(&with, "atop-99001"), ["SLV"]);
    assert_eq!(bound_under(&with, "atop-99002"), ["SLV"]);
    // Without the layer neither exists.
    let without = json(&[]);
    assert!(bound_under(&without, "atop-99001").is_empty());
    assert!(!not_triggered(&without).iter().any(|t| t.starts_with("atop-")));

    // Guatemala is not the threat 99002 names: only the alliance against anyone binds; 99002
    // is undecided, since ATOP's DEFCOADV may mean a kind of adversary the event does not say.
    let r = casus(&[
        "check",
        "--aggressor",
        "GTM",
        "--victim",
        "HND",
        "--date",
        "1975-06-01",
        "--format",
        "json",
        "--atop",
        atop,
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(bound_under(&v, "atop-99001"), ["SLV"]);
    assert!(bound_under(&v, "atop-99002").is_empty(), "{v}");
    let undecided = v["indeterminate"].as_array().unwrap();
    assert!(undecided.iter().any(|f| f["treaty"] == "atop-99002"), "{v}");
    // After its last day, 1980-01-01, the alliance no longer binds.
    let r = casus(&[
        "check",
        "--aggressor",
        "NIC",
        "--victim",
        "HND",
        "--date",
        "1980-06-01",
        "--format",
        "json",
        "--atop",
        atop,
    ]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(bound_under(&v, "atop-99001").is_empty(), "{v}");
}

#[test]
fn casus_atop_in_the_environment_is_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let atop = fixture(dir.path());
    let run = |env: Option<&Path>, flag: Option<&Path>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_casus"));
        c.args(["check", "--aggressor", "NIC", "--victim", "HND", "--date", "1975-06-01"])
            .args(["--format", "json"])
            .current_dir(repo())
            .env_remove("CASUS_DATA")
            .env_remove("CASUS_ATOP");
        if let Some(p) = flag {
            c.arg("--atop").arg(p);
        }
        if let Some(p) = env {
            c.env("CASUS_ATOP", p);
        }
        let out = c.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let by_env = run(Some(&atop), None);
    assert!(by_env.contains("atop-99001"));
    assert_eq!(by_env, run(None, Some(&atop)));
}

#[test]
fn a_broken_atop_file_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let atop = fixture(dir.path());
    let text = std::fs::read_to_string(&atop).unwrap();
    // The second data row's year of entry is not a number.
    let broken: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == 2 { l.replacen(",1970,", ",19x0,", 1) } else { l.to_owned() })
        .collect();
    std::fs::write(&atop, broken.join("\n")).unwrap();
    let r = casus(&[
        "check",
        "--aggressor",
        "NIC",
        "--victim",
        "HND",
        "--date",
        "1975-06-01",
        "--atop",
        atop.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("atop-fixture.csv") && r.stderr.contains("line 3"), "{}", r.stderr);
    assert!(r.stderr.contains("yrent"), "{}", r.stderr);
}

#[test]
fn serve_with_atop_answers_with_the_layer() {
    let dir = tempfile::tempdir().unwrap();
    let atop = fixture(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_casus"))
        .args(["serve", "--addr", "127.0.0.1:0", "--atop"])
        .arg(&atop)
        .current_dir(repo())
        .env_remove("CASUS_DATA")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The address line: "casus: serving http://127.0.0.1:PORT (Ctrl-C to stop)".
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).and_then(|s| s.split_whitespace().next());
    let answer = addr.map(|addr| {
        let body = r#"{"aggressor":"NIC","victim":"HND","date":"1975-06-01"}"#;
        let mut s = TcpStream::connect(addr).unwrap();
        write!(
            s,
            "POST /v1/check HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        raw
    });
    let _ = child.kill();
    let _ = child.wait();
    let raw = answer.unwrap_or_else(|| panic!("no address in {line:?}"));
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(bound_under(&v, "atop-99001"), ["SLV"], "{v}");
}
