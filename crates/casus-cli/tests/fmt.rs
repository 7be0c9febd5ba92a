//! `casus fmt` (issue #18): formatting the bundled data changes nothing the engine reads, and a
//! second run changes nothing at all.

use std::path::{Path, PathBuf};

use casus_core::model::Treaty;
use casus_core::{load, DataPaths};

use crate::common::{casus, repo};

/// Copies a folder, subfolders included (links are followed: the copy holds files).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

/// What the engine holds of a treaty, everything but the places in its file (which formatting
/// moves): the model's own `Debug` output, part by part.
fn resolved(t: &Treaty) -> String {
    let parties: Vec<String> = t
        .parties()
        .iter()
        .map(|m| {
            format!(
                "{} {:?} {:?} {:?} {:?}",
                m.code(),
                m.interval(),
                m.role(),
                m.segments(),
                m.sourcing()
            )
        })
        .collect();
    let suspensions: Vec<String> = t
        .suspensions()
        .iter()
        .map(|s| format!("{:?} {:?} {:?}", s.owed_by(), s.owed_to(), s.interval()))
        .collect();
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{parties:#?}\n{suspensions:?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}\n{:#?}",
        t.id(),
        t.title(),
        t.short_title(),
        t.kind(),
        t.atopid(),
        t.summary(),
        t.statuses(),
        t.sources(),
        t.articles(),
        t.scopes(),
        t.obligations(),
        t.variants(),
        (t.statements(), t.atop_differences()),
    )
}

/// The text of every `[[explanation]]`, trimmed as the engine reads it (formatting may end it
/// with a newline).
fn trim_explanations(table: &mut toml::Table) {
    let Some(toml::Value::Array(explanations)) = table.get_mut("explanation") else {
        return;
    };
    for e in explanations {
        if let Some(toml::Value::String(text)) = e.get_mut("text") {
            *text = text.trim().to_owned();
        }
    }
}

fn treaty_files(dir: &Path) -> Vec<PathBuf> {
    casus_core::treaty_files(dir).unwrap()
}

#[test]
fn formatting_the_bundled_data_changes_nothing_the_engine_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&repo().join("data"), &data);
    let data_arg = data.to_str().unwrap();

    let r = casus(&["--data", data_arg, "fmt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("reformatted"), "{}", r.stderr);

    // (a) The formatted data is still valid.
    let r = casus(&["validate", data_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: "), "{}", r.stdout);

    // (b) Each file holds the same values, and the engine resolves the same treaties.
    let original = treaty_files(&repo().join("data/treaties"));
    let formatted = treaty_files(&data.join("treaties"));
    assert_eq!(original.len(), formatted.len());
    for (before, after) in original.iter().zip(&formatted) {
        let read = |p: &Path| -> toml::Table {
            let mut t: toml::Table = toml::from_str(&std::fs::read_to_string(p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            trim_explanations(&mut t);
            t
        };
        assert_eq!(read(before), read(after), "{} reads differently", after.display());
    }
    let before = load(&DataPaths::in_dir(repo().join("data")));
    let after = load(&DataPaths::in_dir(&data));
    assert!(after.passed());
    let (before, after) = (before.dataset().treaties(), after.dataset().treaties());
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(after) {
        assert_eq!(resolved(b), resolved(a), "treaty `{}` resolves differently", b.id().as_str());
    }

    // (c) A second run changes nothing.
    let r = casus(&["--data", data_arg, "fmt", "--check"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("0 of {} file(s)", formatted.len())), "{}", r.stderr);
}

#[test]
fn formatting_a_small_treaty() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("treaties");
    copy_dir(&repo().join("crates/casus-cli/tests/fixtures/fmt/treaties"), &dir);
    let file = dir.join("fmt-example-pact.toml");
    let (file_arg, dir_arg) = (file.to_str().unwrap(), dir.to_str().unwrap());
    let original = std::fs::read_to_string(&file).unwrap();

    let r = casus(&["fmt", "--check", dir_arg]);
    assert_eq!((r.code, r.stdout.trim()), (1, file_arg), "{}", r.stderr);
    assert_eq!(r.stderr, "1 of 1 file(s) would be reformatted\n");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original, "--check rewrites nothing");

    let r = casus(&["fmt", file_arg]);
    assert_eq!((r.code, r.stdout.trim()), (0, file_arg), "{}", r.stderr);
    let formatted = std::fs::read_to_string(&file).unwrap();
    insta::assert_snapshot!(formatted);
    let r = casus(&["validate", dir_arg]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let r = casus(&["fmt", "--check", file_arg]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left");
}

#[test]
fn a_file_that_is_not_toml_is_reported_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.toml");
    std::fs::write(&bad, "id = \"bad\"\nsummary = \n").unwrap();
    let good = tmp.path().join("good.toml");
    let long = "word ".repeat(30);
    std::fs::write(&good, format!("id = \"good\"\nsummary = \"{}\"\n", long.trim())).unwrap();

    let r = casus(&["fmt", "--error-format", "plain", tmp.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("bad.toml:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("error[toml-syntax]"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), "id = \"bad\"\nsummary = \n");
    assert!(std::fs::read_to_string(&good).unwrap().contains("summary = \"\"\"\n"));

    let r = casus(&["fmt", tmp.path().join("missing.toml").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no file or folder"), "{}", r.stderr);
}

#[cfg(unix)]
#[test]
fn a_rewritten_file_keeps_its_permissions_and_links() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("target.toml");
    std::fs::write(&target, format!("note = \"{}\"\n", "word ".repeat(30).trim())).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let dir = tmp.path().join("treaties");
    std::fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("link.toml")).unwrap();

    let r = casus(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::symlink_metadata(dir.join("link.toml")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("note = \"\"\"\n"));
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}
