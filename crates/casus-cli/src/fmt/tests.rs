//! The formatter on small texts: the values it writes read back the same, and it is idempotent.

use super::*;

/// Formats, checks that a second pass changes nothing, and returns the text.
fn fmt(text: &str) -> String {
    let once = format_text(text).unwrap_or_else(|e| panic!("{e}"));
    let twice = format_text(&once).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(once, twice, "not idempotent");
    once
}

/// The value of `key` at the top of a document.
fn string_at(text: &str, key: &str) -> String {
    let doc: DocumentMut = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    doc.get(key).and_then(Item::as_str).map(str::to_owned).unwrap_or_else(|| panic!("no `{key}`"))
}

/// `value` as a one-line basic string.
fn one_line(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every line is at most `WIDTH` columns, except one holding a single word.
fn assert_narrow(text: &str) {
    for line in text.lines() {
        let words = line.trim_end_matches('\\').split(' ').filter(|w| !w.is_empty()).count();
        assert!(line.chars().count() <= WIDTH || words <= 1, "too wide: {line}");
    }
}

#[test]
fn tricky_strings_read_back_identical() {
    let long = "word ".repeat(30);
    let cases = [
        format!("{long}ends with a quote \""),
        format!("{long}three quotes \"\"\" and four \"\"\"\" and two \"\" end\"\""),
        format!("{long}a backslash \\ and a path C:\\dir\\ and \\\\ two"),
        format!("{long}tab\there, newline\nthere, return\r, control \u{1} \u{7f} \u{85} done"),
        format!("   leading spaces, {long}"),
        format!("{long}trailing spaces   "),
        format!("{long}double  spaces   and    more{}", " ".repeat(150)),
        format!("{long}unicode: tanácskoznak egymással, تعتبر الدولتان, 中文, é"),
        "x".repeat(250),
        format!("{long}{} tail", "y".repeat(150)),
    ];
    for value in cases {
        let doc = format!("note = {}\n", one_line(&value));
        let out = fmt(&doc);
        assert!(out.contains("note = \"\"\"\n"), "not wrapped: {out}");
        assert_eq!(string_at(&out, "note"), value, "{out}");
        assert_narrow(&out);
    }
}

#[test]
fn short_strings_and_one_line_keys_stay() {
    let long = "a long citation ".repeat(10);
    let text = format!(
        "# a comment\nid = \"x\"  # trailing\nnote = \"short\"\n\n[[source]]\nid = \"s\"\ncitation = \"{long}\"\nurl = \"https://example.org/{}\"\n\n[[article]]\ntitle = \"{long}\"\n",
        "p".repeat(120)
    );
    assert_eq!(fmt(&text), text);
}

#[test]
fn a_string_that_fits_on_its_line_stays() {
    let value = "z".repeat(WIDTH - "note = ".len() - 2);
    let text = format!("note = \"{value}\"\n");
    assert_eq!(fmt(&text), text);
    let text = format!("note = \"{value}z\"\n");
    assert_ne!(fmt(&text), text);
}

#[test]
fn explanation_texts_end_with_a_newline_other_texts_do_not() {
    let long = "an explanation of a difference ".repeat(5).trim_end().to_owned();
    let text = format!(
        "[[explanation]]\nid = \"e\"\ntext = \"{long}\"\n\n[[atop-difference]]\nwhy = \"{long}\"\n"
    );
    let out = fmt(&text);
    let doc: DocumentMut = out.parse().unwrap_or_else(|e| panic!("{e}"));
    let first = |table: &str, key: &str| {
        doc.get(table)
            .and_then(Item::as_array_of_tables)
            .and_then(|a| a.get(0))
            .and_then(|t| t.get(key))
            .and_then(Item::as_str)
            .map(str::to_owned)
    };
    assert_eq!(first("explanation", "text"), Some(format!("{long}\n")));
    assert_eq!(first("atop-difference", "why"), Some(long));
}

#[test]
fn inline_clauses_become_tables_with_their_comments() {
    let text = r#"[[scope]]
id = "s"
reading = "r"
# about the clauses
clauses = [ # first
  { label = "one", region = ["DE", "AT"], island = false },
  # before the second
  { label = "two", until = 1962-07-03 },
  # after the last
]  # after the array
until = 2000-01-01

[[obligation]]
id = "o"
"#;
    let out = fmt(text);
    let expected = r#"[[scope]]
id = "s"
reading = "r"
until = 2000-01-01

# about the clauses
# first
[[scope.clauses]]
label = "one"
region = ["DE", "AT"]
island = false

# before the second
[[scope.clauses]]
label = "two"
until = 1962-07-03
# after the last
# after the array

[[obligation]]
id = "o"
"#;
    assert_eq!(out, expected);
}

#[test]
fn clauses_in_several_scopes_stay_with_their_scope() {
    let text = "[[scope]]\nid = \"a\"\nclauses = [{ label = \"a1\" }, { label = \"a2\" }]\n\n[[scope]]\nid = \"b\"\nclauses = [{ label = \"b1\" }]\n\n[[obligation]]\nid = \"o\"\nscope = [\"a\", \"b\"]\n";
    let out = fmt(text);
    let expected = "[[scope]]\nid = \"a\"\n\n[[scope.clauses]]\nlabel = \"a1\"\n\n[[scope.clauses]]\nlabel = \"a2\"\n\n[[scope]]\nid = \"b\"\n\n[[scope.clauses]]\nlabel = \"b1\"\n\n[[obligation]]\nid = \"o\"\nscope = [\"a\", \"b\"]\n";
    assert_eq!(out, expected);
}

#[test]
fn comments_at_the_end_of_the_file_stay_at_the_end() {
    let text = "[[scope]]\nid = \"a\"\nclauses = [\n  { label = \"a1\" },\n  # the end\n]\n";
    assert_eq!(
        fmt(text),
        "[[scope]]\nid = \"a\"\n\n[[scope.clauses]]\nlabel = \"a1\"\n# the end\n"
    );
}

#[test]
fn empty_or_mixed_clause_arrays_stay() {
    for text in [
        "[[scope]]\nid = \"a\"\nclauses = []\n",
        "[[scope]]\nid = \"a\"\nclauses = [{ label = \"a1\" }, \"b\"]\n",
        "clauses = [{ label = \"top level: not a scope\" }]\n",
    ] {
        assert_eq!(fmt(text), text);
    }
}

#[test]
fn a_long_label_in_a_clause_stays_on_one_line() {
    let label = "the Party's armed forces, public vessels or aircraft in or over the Pacific, the South China Sea included";
    let text = format!(
        "[[scope]]\nid = \"a\"\nclauses = [{{ label = \"{label}\", sea = [\"pacific\"] }}]\n"
    );
    let out = fmt(&text);
    // Labels are short names shown whole (docs/format.md): never wrapped, as titles.
    assert!(out.contains(&format!("[[scope.clauses]]\nlabel = \"{label}\"\n")), "{out}");
    let doc: DocumentMut = out.parse().unwrap_or_else(|e| panic!("{e}"));
    let got = doc["scope"][0]["clauses"][0]["label"].as_str().map(str::to_owned);
    assert_eq!(got.as_deref(), Some(label));
}

#[test]
fn multi_line_strings_already_written_stay() {
    let text = format!("note = \"\"\"\n{}\nsecond line\"\"\"\n", "w ".repeat(80));
    assert_eq!(fmt(&text), text);
}

#[test]
fn not_toml_is_an_error_with_a_place() {
    let err = format_text("id = \"x\"\nnote = \n").err().unwrap_or_else(|| panic!("parsed"));
    assert!(err.span().is_some());
}

#[test]
fn comments_inside_a_multi_line_inline_table_are_kept() {
    // TOML 1.1 lets an inline table span lines, with comments.
    let text = r#"[[scope]]
id = "a"
clauses = [
  {
    # the label
    label = "one", # after the label
    region = ["DE"],
    # after the last key
  },
  { label = "two" },
]
"#;
    let expected = r#"[[scope]]
id = "a"

[[scope.clauses]]
# the label
label = "one"
# after the label
region = ["DE"]

# after the last key
[[scope.clauses]]
label = "two"
"#;
    assert_eq!(fmt(text), expected);
}
