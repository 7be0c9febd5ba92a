//! `casus fmt`: treaty files rewritten in one canonical layout, so that they stay readable as
//! they grow (issue #18).
//!
//! Two rewrites, nothing else; comments, key order, blank lines and every other value are kept
//! as written (`toml_edit` keeps the file's own text for all it is not asked to change):
//!
//! - a scope's clauses written as inline tables (`clauses = [{ ... }, ...]`) become
//!   `[[scope.clauses]]` tables, one key per line, in the same order; comments between the
//!   inline tables go with the clause they precede. The reader accepts both forms.
//! - a string written on one line that makes its line longer than [`WIDTH`] columns becomes a
//!   multi-line basic string (`"""` and a newline), wrapped at [`WIDTH`] columns between words.
//!   Each line but the last ends with a line-ending backslash, which TOML removes with the
//!   newline and the next line's indentation: the text's spaces stay before the backslash, so
//!   the value is the same string. The last line ends with a backslash too, so the value does
//!   not gain a newline; except in keys the engine trims ([`Layout::Trimmed`]), where the
//!   closing `"""` follows a plain newline. Citations, URLs, titles and labels
//!   ([`Layout::OneLine`]) stay on one line, whatever their length: they are searched and copied
//!   whole. Which key is which is declared with the treaty file's tables
//!   (`casus_core::raw::schema`).
//!
//! Formatting is idempotent: a formatted file has no inline clause and no long one-line string
//! left, and the layout of what was rewritten is read back unchanged.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use casus_core::diag::{Code, Diagnostic, Diagnostics};
use casus_core::raw::schema::{self, Layout};
use casus_core::source::{Loc, SourceFile};
use toml_edit::{ArrayOfTables, DocumentMut, Item, RawString, Table, Value};

use crate::output::{self, AtomicFile};
use crate::report::Rejected;

/// The column a line should not pass.
const WIDTH: usize = 100;

/// Formats one file's text. Text that is already formatted comes back unchanged.
///
/// # Errors
/// The text is not TOML.
pub(crate) fn format_text(text: &str) -> Result<String, toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    if let Some(Item::ArrayOfTables(scopes)) = doc.as_table_mut().get_mut("scope") {
        for scope in scopes.iter_mut() {
            clauses_to_tables(scope);
        }
    }
    wrap_strings(doc.as_table_mut(), "")?;
    Ok(doc.to_string())
}

/// The comment lines of a piece of decoration (whitespace and comments), without their
/// indentation.
fn comments_in(raw: Option<&RawString>, into: &mut Vec<String>) {
    let text = raw.and_then(RawString::as_str).unwrap_or("");
    into.extend(text.lines().map(str::trim).filter(|l| l.starts_with('#')).map(str::to_owned));
}

/// Comment lines as a table's decoration: a blank line, then the comments, each on its line.
fn header_prefix(comments: &[String]) -> String {
    let mut prefix = String::from("\n");
    for c in comments {
        prefix.push_str(c);
        prefix.push('\n');
    }
    prefix
}

/// Rewrites `clauses = [{ ... }, ...]` in a scope as `[[scope.clauses]]` tables, when every
/// element is an inline table (an empty array has no table form and stays as it is).
fn clauses_to_tables(scope: &mut Table) {
    let Some((mut key, item)) = scope.get_key_value_mut("clauses") else {
        return;
    };
    let convertible =
        item.as_array().is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_inline_table));
    if !convertible {
        return;
    }
    let array = match std::mem::take(item) {
        Item::Value(Value::Array(array)) => array,
        other => {
            *item = other;
            return;
        }
    };
    // Comments in the order they were written: above the key, then around each element; each
    // group goes before the clause it preceded, and what followed the last clause after it.
    let mut pending = Vec::new();
    comments_in(key.leaf_decor().prefix(), &mut pending);
    // The key also names the `[[scope.clauses]]` headers: its decoration would be written in
    // each of them.
    key.leaf_decor_mut().clear();
    let mut after = Vec::new();
    comments_in(Some(array.trailing()), &mut after);
    comments_in(array.decor().suffix(), &mut after);
    let mut tables = ArrayOfTables::new();
    for value in array {
        comments_in(value.decor().prefix(), &mut pending);
        let mut next = Vec::new();
        comments_in(value.decor().suffix(), &mut next);
        if let Value::InlineTable(inline) = value {
            let (before_keys, trailing) = inline_comments(&inline);
            let mut table = inline.into_table();
            table.decor_mut().set_prefix(header_prefix(&pending));
            for (name, lines) in before_keys {
                if let Some(mut k) = table.key_mut(&name) {
                    k.leaf_decor_mut()
                        .set_prefix(lines.iter().map(|l| format!("{l}\n")).collect::<String>());
                }
            }
            next.splice(0..0, trailing);
            tables.push(table);
        }
        pending = next;
    }
    pending.extend(after);
    if let (false, Some(last)) = (pending.is_empty(), tables.iter_mut().last()) {
        end_with_comments(last, &pending);
    }
    *item = Item::ArrayOfTables(tables);
}

/// The comments inside an inline table (TOML 1.1 lets one span lines): those before each key,
/// by key, and those after its last value.
fn inline_comments(inline: &toml_edit::InlineTable) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let mut by_key = Vec::new();
    let mut carried = Vec::new();
    for (path, value) in inline.get_values() {
        let mut lines = std::mem::take(&mut carried);
        for k in &path {
            comments_in(k.leaf_decor().prefix(), &mut lines);
            comments_in(k.dotted_decor().prefix(), &mut lines);
        }
        comments_in(value.decor().prefix(), &mut lines);
        comments_in(value.decor().suffix(), &mut carried);
        if let (false, Some(first)) = (lines.is_empty(), path.first()) {
            by_key.push((first.get().to_owned(), lines));
        }
    }
    comments_in(Some(inline.trailing()), &mut carried);
    (by_key, carried)
}

/// Writes comment lines after a table's last line: a table has no decoration of its own
/// there, so they follow its last value (or its header) on lines of their own, which is where
/// a reader finds them and where the parser puts them back.
fn end_with_comments(table: &mut Table, comments: &[String]) {
    let lines: String = comments.iter().map(|c| format!("\n{c}")).collect();
    let last_value = table.iter_mut().filter_map(|(_, item)| item.as_value_mut()).last();
    match last_value {
        Some(v) => {
            let suffix = v.decor().suffix().and_then(RawString::as_str).unwrap_or("").to_owned();
            v.decor_mut().set_suffix(format!("{suffix}{lines}"));
        }
        None => {
            let suffix =
                table.decor().suffix().and_then(RawString::as_str).unwrap_or("").to_owned();
            table.decor_mut().set_suffix(format!("{suffix}{lines}"));
        }
    }
}

/// Rewraps the long one-line strings of a table and of the tables under it. `path` is the
/// table's dotted name (`""` for the document, `obligation.condition`, ...).
fn wrap_strings(table: &mut Table, path: &str) -> Result<(), toml_edit::TomlError> {
    for (key, item) in table.iter_mut() {
        let name = key.get().to_owned();
        let child = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        match item {
            Item::Value(value @ Value::String(_)) => {
                let trimmed = match schema::TREATY.layout(path, &name) {
                    Layout::OneLine => continue,
                    Layout::Trimmed => true,
                    Layout::Wrapped => false,
                };
                if let Some(wrapped) =
                    wrap_value(value, key.display_repr().chars().count(), trimmed)?
                {
                    *value = wrapped;
                }
            }
            Item::Table(t) => wrap_strings(t, &child)?,
            Item::ArrayOfTables(a) => {
                for t in a.iter_mut() {
                    wrap_strings(t, &child)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A string value written on one line that makes its line (`key = "..."`) longer than
/// [`WIDTH`], as a wrapped multi-line string with the same decoration; `None` when it stays.
fn wrap_value(
    value: &Value,
    key_width: usize,
    trimmed: bool,
) -> Result<Option<Value>, toml_edit::TomlError> {
    let Value::String(s) = value else {
        return Ok(None);
    };
    let repr = s.as_repr().and_then(|r| r.as_raw().as_str()).map(str::to_owned);
    let repr = repr.unwrap_or_else(|| s.display_repr().into_owned());
    if repr.contains('\n') || key_width + " = ".len() + repr.chars().count() <= WIDTH {
        return Ok(None);
    }
    let mut wrapped: Value = multiline(s.value(), trimmed).parse()?;
    *wrapped.decor_mut() = value.decor().clone();
    Ok(Some(wrapped))
}

/// `text` as a TOML multi-line basic string: the opening `"""` alone on its line, the text in
/// lines of at most [`WIDTH`] columns broken after runs of spaces (a word longer than that
/// has a line of its own), each ending with a line-ending backslash, and the closing `"""`
/// alone on its line. With `trimmed`, the last line ends with a newline instead of the
/// backslash.
fn multiline(text: &str, trimmed: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut width = 0;
    for (word, spaces) in words(text) {
        let word = escape(word);
        let w = word.chars().count() + spaces.len();
        // + 1: the backslash that ends the line.
        if width > 0 && width + w + 1 > WIDTH {
            lines.push(std::mem::take(&mut line));
            width = 0;
        }
        line.push_str(&word);
        line.push_str(spaces);
        width += w;
    }
    lines.push(line);
    let mut out = String::from("\"\"\"\n");
    out.push_str(&lines.join("\\\n"));
    out.push_str(if trimmed { "\n\"\"\"" } else { "\\\n\"\"\"" });
    out
}

/// The text as (word, the spaces after it): the words hold no space, the spaces are only
/// spaces (U+0020), and together they give the text back. Leading spaces follow an empty word.
fn words(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest.find(' ').unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        let space_end = after.find(|c| c != ' ').unwrap_or(after.len());
        let (spaces, next) = after.split_at(space_end);
        out.push((word, spaces));
        rest = next;
    }
    out
}

/// A word's characters as a multi-line basic string's body writes them: backslashes and
/// control characters (tabs and newlines included, so that no line starts with whitespace
/// the line-ending backslash would remove) escaped, and every third quote of a run escaped so
/// that no run closes the string.
fn escape(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut quotes = 0;
    for c in word.chars() {
        if c == '"' {
            if quotes == 2 {
                out.push_str("\\\"");
                quotes = 0;
            } else {
                out.push('"');
                quotes += 1;
            }
            continue;
        }
        quotes = 0;
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// The files `casus fmt` works on: each file given, every `.toml` file under each folder
/// given (hidden ones left out), or the data directory's treaty files; each once, in order.
fn files(data: &Path, paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let default = [data.join("treaties")];
    let roots = if paths.is_empty() { &default[..] } else { paths };
    let mut out = Vec::new();
    for root in roots {
        if root.is_dir() {
            let found = casus_core::treaty_files(root)
                .with_context(|| format!("cannot read `{}`", root.display()))?;
            out.extend(found);
        } else if root.is_file() {
            out.push(root.clone());
        } else {
            anyhow::bail!("no file or folder `{}`", root.display());
        }
    }
    let mut seen = BTreeSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

/// `casus fmt`: formats the files, or with `check` lists those that would change. Prints each
/// file that changed (or would), one per line, and a summary on standard error. A file that
/// is not TOML is reported with its place and left as it is (exit 2, after the others are
/// done).
pub(crate) fn run(data: &Path, paths: &[PathBuf], check: bool) -> Result<ExitCode> {
    let files = files(data, paths)?;
    let mut changed = 0;
    let mut diags = Diagnostics::default();
    for path in &files {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read `{}`", path.display()))?;
        let formatted = match format_text(&text) {
            Ok(f) => f,
            Err(e) => {
                let file = SourceFile::new(path.display().to_string(), text);
                let span = e.span().unwrap_or(0..0);
                diags.push(
                    Diagnostic::error(Code::TomlSyntax, e.message().trim().to_lowercase())
                        .at(Loc::new(&file, span)),
                );
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if !check {
            write(path, &formatted)?;
        }
        output::println(&path.display().to_string())?;
    }
    let done = if check { "would be reformatted" } else { "reformatted" };
    output::eprintln(&format!("{changed} of {} file(s) {done}", files.len()));
    if diags.has_errors() {
        let summary =
            format!("{} file(s) are not TOML and were left as they are", diags.error_count());
        return Err(Rejected::new(diags, summary).into());
    }
    Ok(if check && changed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Replaces a file whole (a temporary file beside it, renamed over it), keeping its
/// permissions; through a symbolic link, the file it points to is replaced.
fn write(path: &Path, text: &str) -> Result<()> {
    let dest = std::fs::canonicalize(path)
        .with_context(|| format!("cannot resolve `{}`", path.display()))?;
    let permissions = std::fs::metadata(&dest)
        .with_context(|| format!("cannot read `{}`", path.display()))?
        .permissions();
    let file = AtomicFile::create(&dest)?;
    file.set_permissions(permissions)?;
    let mut w = file.writer()?;
    w.write_all(text.as_bytes()).with_context(|| format!("cannot write `{}`", path.display()))?;
    drop(w);
    file.commit()
}

#[cfg(test)]
mod tests;
