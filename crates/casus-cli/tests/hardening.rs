//! Regressions of the fresh-clone and hardening issue: bad input gets one clear error per
//! problem (all at once, exit 2), a refused command never touches an existing file, a closed
//! pipe ends a command quietly, and no input panics.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{casus, repo};

/// A fresh folder under the system's temp directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("casus-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> crate::common::Run {
    let out = Command::new(env!("CARGO_BIN_EXE_casus"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("CASUS_DATA", repo().join("data"))
        .output()
        .unwrap();
    crate::common::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn a_refused_dyads_run_leaves_existing_files_alone() {
    let dir = scratch("dyads-refused");
    let out = dir.join("existing.csv");
    let side = dir.join("existing.csv.meta.json");
    std::fs::write(&out, "precious rows\n").unwrap();
    std::fs::write(&side, "{\"precious\": true}").unwrap();
    let bad: [&[&str]; 5] = [
        &["--from", "2001", "--to", "2000"],
        &["--from", "2001", "--to", "2000", "--format", "parquet"],
        &["--from", "2001", "--to", "2000", "--unit", "dyad-year", "--treaties"],
        &["--to", "2030"],
        &["--from", "1700", "--to", "1701"],
    ];
    for extra in bad {
        let mut args = vec!["dyads", "-o", "existing.csv", "--quiet"];
        args.extend_from_slice(extra);
        let r = run_in(&dir, &args);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious rows\n", "{extra:?}");
        assert_eq!(std::fs::read_to_string(&side).unwrap(), "{\"precious\": true}");
    }
    // The message names the range the data covers.
    let r = run_in(&dir, &["dyads", "-o", "x.csv", "--to", "2030", "--quiet"]);
    assert!(
        r.stderr.contains("--to 2030 is outside the years the data covers, 1816 to"),
        "{}",
        r.stderr
    );
    // Nothing but the two files: no temporary file left behind.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_finished_dyads_run_replaces_the_file_and_its_sidecar_whole() {
    let dir = scratch("dyads-whole");
    std::fs::write(dir.join("d.csv"), "old").unwrap();
    let r = run_in(&dir, &["dyads", "--from", "1816", "--to", "1817", "-o", "d.csv", "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(dir.join("d.csv")).unwrap();
    assert!(text.starts_with("ccode1,ccode2,year"), "{text}");
    let side: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("d.csv.meta.json")).unwrap())
            .unwrap();
    assert_eq!(side["to"], 1817);
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn an_interrupted_dyads_run_leaves_no_file_under_the_final_name() {
    let dir = scratch("dyads-interrupted");
    let mut child = Command::new(env!("CARGO_BIN_EXE_casus"))
        .args(["dyads", "--unit", "directed-dyad-day", "--from", "1816", "--to", "2020"])
        .args(["-o", "big.csv", "--quiet"])
        .current_dir(&dir)
        .env("CASUS_DATA", repo().join("data"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the temporary file exists and grows, then send SIGTERM.
    let start = std::time::Instant::now();
    loop {
        let partial = std::fs::read_dir(&dir).unwrap().any(|e| {
            let e = e.unwrap();
            e.file_name().to_string_lossy().ends_with(".partial")
                && e.metadata().is_ok_and(|m| m.len() > 0)
        });
        if partial || start.elapsed().as_secs() > 20 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let code = child.wait().unwrap().code();
    assert_eq!(code, Some(130), "interrupted");
    assert!(!dir.join("big.csv").exists(), "no partial file under the final name");
    assert!(!dir.join("big.csv.meta.json").exists());
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "the temporary files are removed: {left:?}");
}

/// Runs the binary, reads one line of `stream` and closes it: the command must end quietly.
fn closed_pipe(args: &[&str], stream: &str) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casus"));
    cmd.args(args).current_dir(repo()).env("NO_COLOR", "1");
    let (out, err) = if stream == "stdout" {
        (Stdio::piped(), Stdio::piped())
    } else {
        (Stdio::null(), Stdio::piped())
    };
    let mut child = cmd.stdout(out).stderr(err).spawn().unwrap();
    let mut other = String::new();
    if stream == "stdout" {
        let mut r = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        drop(r);
        child.stderr.take().unwrap().read_to_string(&mut other).unwrap();
    } else {
        let mut r = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        drop(r);
    }
    (child.wait().unwrap().code(), other)
}

#[test]
fn a_closed_pipe_ends_a_command_quietly() {
    let (code, err) = closed_pipe(&["states", "--date", "1914-08-02"], "stdout");
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let (code, _) = closed_pipe(&["validate", "crates/casus-core/tests/invalid"], "stderr");
    assert_eq!(code, Some(2), "the errors are the outcome; no panic (101)");
    let (code, err) = closed_pipe(&["diagnostics"], "stdout");
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn out_of_range_arguments_are_refused() {
    let sc = "data/scenarios/estonia-2026.toml";
    let cases: [(&[&str], &str); 4] = [
        (&["simulate", sc, "--threads", "100000"], "100000 is not in 1..=256"),
        (&["simulate", sc, "--threads", "0"], "0 is not in 1..=256"),
        (&["simulate", sc, "--samples", "0"], "0 is not in 1..=100000000"),
        (&["simulate", sc, "--credibility", "USA=NaN"], "not a number from 0 to 1"),
    ];
    for (args, message) in cases {
        let r = casus(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(message), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn weights_must_be_finite_in_range_and_given_once() {
    let dir = scratch("weights");
    let w = dir.join("w.csv");
    std::fs::write(&w, "code,weight\nUSA,NaN\nFRA,inf\nGBR,-1\nDEU,1e308\nPOL,2\nPOL,3\nXXX,1\n")
        .unwrap();
    let r = casus(&[
        "simulate",
        "data/scenarios/estonia-2026.toml",
        "--weights",
        w.to_str().unwrap(),
        "--error-format",
        "json",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let body: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    let codes: Vec<&str> =
        body["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "out-of-range",
            "out-of-range",
            "out-of-range",
            "out-of-range",
            "conflicting-values",
            "unknown-state"
        ],
        "{body}"
    );
    // Each at its line.
    let lines: Vec<u64> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4, 5, 7, 8]);
}

#[test]
fn check_reports_every_problem_at_once() {
    let r = casus(&[
        "check",
        "--aggressor",
        "XXX",
        "--victim",
        "EST",
        "--date",
        "2026-02-30",
        "--error-format",
        "json",
    ]);
    assert_eq!(r.code, 2);
    let body: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    let got: Vec<(&str, &str)> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("aggressor", "unknown-state"), ("date", "invalid-date")]);
    // A date in another shape, a negative year, an over-long code: plain messages.
    for (date, want) in [("20260101", "YYYY-MM-DD"), ("-0001-01-01", "YYYY-MM-DD")] {
        let r = casus(&["check", "--aggressor", "RUS", "--victim", "EST", "--date", date]);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains(want), "{date}: {}", r.stderr);
    }
    let long = "X".repeat(60_000);
    let r = casus(&["check", "--aggressor", &long, "--victim", "EST"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.len() < 600, "the message echoes a short prefix: {} bytes", r.stderr.len());
    // The JSON error shape is the server's: `{"errors": [...]}` for any error.
    let r = casus(&["treaty", "nato", "--error-format", "json"]);
    let body: serde_json::Value = serde_json::from_str(&r.stderr).unwrap();
    assert_eq!(body["errors"][0]["code"], "unknown-treaty");
}

#[test]
fn validate_counts_valid_files_and_checks_everything_it_loads() {
    let dir = scratch("validate");
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("treaties")).unwrap();
    std::fs::create_dir_all(data.join("scenarios")).unwrap();
    std::fs::create_dir_all(data.join("geo")).unwrap();
    for f in ["states.toml", "regions.toml", "geo/areas.toml"] {
        std::fs::copy(repo().join("data").join(f), data.join(f)).unwrap();
    }
    let bundled = |id: &str| {
        let files = casus_core::treaty_files(&repo().join("data/treaties")).unwrap();
        files.into_iter().find(|p| p.file_stem().is_some_and(|s| s == id)).unwrap()
    };
    for id in ["north-atlantic-treaty", "anzus"] {
        std::fs::copy(bundled(id), data.join("treaties").join(format!("{id}.toml"))).unwrap();
    }
    // A treaty in a subfolder is loaded, never skipped.
    std::fs::create_dir_all(data.join("treaties/pacific")).unwrap();
    std::fs::copy(bundled("us-japan-1960"), data.join("treaties/pacific/us-japan-1960.toml"))
        .unwrap();
    let ok = casus(&["validate", data.to_str().unwrap()]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(ok.stdout.starts_with("ok: 3 treaties"), "{}", ok.stdout);
    // One broken treaty of three: the count says so.
    std::fs::write(data.join("treaties/broken.toml"), "id = \"broken\"\nkind = \"nonsense\"\n")
        .unwrap();
    // A scenario with an impossible date, another with a duplicate id.
    let scenario = |id: &str, date: &str| {
        format!("id = \"{id}\"\ntitle = \"t\"\n\n[[event]]\ndate = {date}\naggressor = \"RUS\"\nvictim = \"EST\"\n")
    };
    std::fs::write(data.join("scenarios/a.toml"), scenario("a", "2026-01-01")).unwrap();
    std::fs::write(data.join("scenarios/b.toml"), scenario("a", "2026-01-01")).unwrap();
    std::fs::write(data.join("scenarios/c.toml"), scenario("c", "2026-02-30")).unwrap();
    let r = casus(&["validate", data.to_str().unwrap(), "--error-format", "plain"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("3 of 4 treaty files valid"), "{}", r.stderr);
    assert!(r.stderr.contains("duplicate scenario id `a`"), "{}", r.stderr);
    assert!(r.stderr.contains("c.toml:5:"), "the bad date at its line: {}", r.stderr);
    // Without states.toml a data directory is invalid, not checked against other data.
    std::fs::remove_file(data.join("states.toml")).unwrap();
    let r = casus(&["validate", data.to_str().unwrap(), "--error-format", "plain"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("states.toml"), "{}", r.stderr);
}

#[test]
fn a_casebook_that_names_what_the_data_lacks_is_invalid_input() {
    let dir = scratch("cases");
    let case = |id: &str, victim: &str, treaty: &str| {
        format!(
            "[[case]]\nid = \"{id}\"\ndate = 2026-01-01\naggressor = \"RUS\"\nvictim = \"{victim}\"\n\
             expect_triggered = [{{ treaty = \"{treaty}\", obligated = [] }}]\n\n"
        )
    };
    let write = |name: &str, text: &str| {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_owned()
    };
    let unknown_state = write("a.toml", &case("a", "ESTT", "north-atlantic-treaty"));
    let unknown_treaty = write("b.toml", &case("b", "EST", "nato"));
    let twice = write(
        "c.toml",
        &format!("{}{}", case("c", "EST", "north-atlantic-treaty"), case("c", "LVA", "teu-42-7")),
    );
    let empty = write("d.toml", "# no cases\n");
    for (file, want) in [
        (&unknown_state, "unknown state `ESTT`"),
        (&unknown_treaty, "unknown treaty `nato`"),
        (&twice, "two cases have the id `c`"),
        (&empty, "the casebook has no [[case]]"),
    ] {
        let r = casus(&["cases", file, "--error-format", "plain"]);
        assert_eq!(r.code, 2, "{file}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{file}: {}", r.stderr);
    }
}
