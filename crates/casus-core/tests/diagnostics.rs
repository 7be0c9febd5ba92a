//! Every fixture in tests/invalid/ is checked against the bundled registry and regions, and
//! its full report (plain lines and the miette rendering with source snippets) is a snapshot.

use std::path::Path;

use casus_core::{load, DataPaths};

use crate::common::data_dir;

fn check_one(path: &Path) -> casus_core::Checked {
    let dir = tempdir_with(path);
    let base = DataPaths::in_dir(data_dir());
    // the fixture alone: the bundled areas name bundled treaties, which would only add warnings
    let checked =
        load(&DataPaths { treaties: dir.clone(), areas: dir.join("no-areas.toml"), ..base });
    let _ = std::fs::remove_dir_all(&dir);
    checked
}

/// A directory holding only `path`, so that the bundled treaties do not mix in. Each call
/// gets its own directory: tests run in parallel and check the same fixture (the glob test
/// and `ten_mistakes_give_ten_diagnostics`); a shared one was removed under the other's feet.
fn tempdir_with(path: &Path) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path.file_name().unwrap();
    let dir = std::env::temp_dir().join(format!(
        "casus-test-{}-{n}-{}",
        std::process::id(),
        name.to_string_lossy()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(path, dir.join(name)).unwrap();
    dir
}

fn render(checked: &casus_core::Checked, path: &Path) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut out = String::new();
    for d in checked.diagnostics().iter() {
        // Paths differ between machines: show the file name only.
        let plain = d.render_plain().replace(&format!("{}", path.parent().unwrap().display()), "");
        out.push_str(&plain);
        out.push('\n');
        let mut fancy = String::new();
        handler.render_report(&mut fancy, d).unwrap();
        out.push_str(&fancy);
        out.push('\n');
    }
    // The temporary directory's name varies; keep the fixture's own name.
    let tmp = std::env::temp_dir().display().to_string();
    out.lines()
        .map(|l| {
            let mut l = l.replace(&tmp, "$TMP");
            if let Some(i) = l.find("$TMP/casus-test-") {
                if let Some(j) = l[i..].find(".toml/") {
                    l.replace_range(i..i + j + 6, "");
                }
            }
            l
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_invalid_fixture_is_reported_with_spans() {
    insta::glob!("invalid/*.toml", |path| {
        let checked = check_one(path);
        assert!(!checked.passed(), "{} should not validate", path.display());
        for d in checked.diagnostics().iter() {
            assert!(d.primary().is_some(), "diagnostic without a span: {}", d.render_plain());
        }
        insta::assert_snapshot!(render(&checked, path));
    });
}

#[test]
fn ten_mistakes_give_ten_diagnostics() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid/ten-mistakes.toml");
    let checked = check_one(&path);
    let codes: Vec<&str> = checked.diagnostics().iter().map(|d| d.code().name()).collect();
    assert_eq!(
        codes,
        vec![
            "unknown-key",
            "dates-out-of-order",
            "unknown-party",
            "membership-overlap",
            "party-not-in-existence",
            "wrong-type",
            "missing-source",
            "unknown-article",
            "unknown-strength",
            "obligation-non-party",
        ]
    );
    let frn = checked.diagnostics().iter().find(|d| d.code().name() == "unknown-party").unwrap();
    assert_eq!(frn.message(), "unknown party `FRN`");
    assert!(frn.help_text().unwrap().contains("did you mean `FRA`?"), "{:?}", frn.help_text());
}

#[test]
fn the_bundled_data_validates_cleanly() {
    let checked = load(&DataPaths::in_dir(data_dir()));
    let msgs: Vec<String> = checked.diagnostics().iter().map(|d| d.render_plain()).collect();
    assert!(checked.diagnostics().is_empty(), "{}", msgs.join("\n"));
}

#[test]
fn a_treaty_file_with_a_syntax_error_is_left_out_whatever_the_parser_recovered() {
    // Found by the mangling property: a stray `,` inside a table left the treaty in the
    // dataset beside ten `toml-syntax` errors.
    use crate::common::{data_dir, read, treaty_path};
    let text = read(&treaty_path("anzus"));
    let broken = text.replacen("\n[[party]]\n", "\n[[party]]\n,\n", 1);
    assert_ne!(broken, text);
    let checked = casus_core::load_from_texts(
        &read(&data_dir().join("states.toml")),
        &read(&data_dir().join("regions.toml")),
        &[("anzus.toml".to_owned(), broken)],
    );
    assert!(checked.diagnostics().iter().any(|d| d.code() == casus_core::diag::Code::TomlSyntax));
    assert!(checked.dataset().treaty("anzus").is_none());
}

#[test]
fn no_commitment_entries_name_states_existing_today_once() {
    use casus_core::diag::Code;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-commitments.toml");
    std::fs::write(
        &file,
        "[[no-commitment]]\nstate = \"CHX\"\nwhy = \"w\"\nsources = [\"s\"]\n\n\
         [[no-commitment]]\nstate = \"YAR\"\nwhy = \"w\"\nsources = [\"s\"]\n\n\
         [[no-commitment]]\nstate = \"CHE\"\nwhy = \"w\"\nsources = [\"s\"]\n\n\
         [[no-commitment]]\nstate = \"CHE\"\nwhy = \"w\"\n",
    )
    .unwrap();
    let mut paths = casus_core::DataPaths::in_dir(crate::common::data_dir());
    paths.no_commitments = file;
    let checked = casus_core::load(&paths);
    let got: Vec<(Code, String, usize)> = checked
        .diagnostics()
        .iter()
        .map(|d| {
            (d.code(), d.message().to_owned(), d.primary().map_or(0, |l| l.loc().position().line))
        })
        .collect();
    assert_eq!(
        got,
        [
            (Code::UnknownState, "`CHX` is no state existing today".to_owned(), 2),
            (Code::UnknownState, "`YAR` is no state existing today".to_owned(), 7),
            (Code::MissingKey, "no-commitment is missing `sources`".to_owned(), 16),
            (Code::DuplicateId, "`CHE` is listed twice".to_owned(), 17),
        ]
    );
    assert_eq!(checked.dataset().no_commitments().len(), 1);
}
