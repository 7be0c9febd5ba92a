//! Every reader reads by its declaration: each key it asks for is declared, each declared key
//! is asked for, and each table it reads is one of its file's declared tables.

use std::sync::Arc;

use super::*;
use crate::diag::Diagnostics;
use crate::raw::reader::record;
use crate::source::SourceFile;

/// The keys of a table written inline, each table-holding key with one table of its own below
/// (`party = [{ }]`, a table of named tables with one name: `tokens = { x = { ... } }`).
fn body(t: &'static Table) -> Vec<String> {
    t.keys()
        .filter_map(|k| {
            let sub = k.table?;
            Some(match sub.named() {
                Some(inner) => format!("{} = {{ x = {{ {} }} }}", k.name, body(inner).join(", ")),
                None => format!("{} = [{{ {} }}]", k.name, body(sub).join(", ")),
            })
        })
        .collect()
}

type Reader = fn(&Arc<SourceFile>, &mut Diagnostics);

/// Each file's reader.
fn reader_of(top: &'static Table) -> Reader {
    let readers: [(&'static Table, Reader); 8] = [
        (&TREATY, |f, d| drop(crate::raw::read_treaty(f, d))),
        (&STATES, |f, d| drop(crate::raw::read_states(f, d))),
        (&REGIONS, |f, d| drop(crate::raw::read_regions(f, d))),
        (&AREAS, |f, d| drop(crate::raw::read_areas(f, d))),
        (&SEAS, |f, d| drop(crate::raw::read_sea_ids(f, d))),
        (&NO_COMMITMENTS, |f, d| drop(crate::raw::read_no_commitments(f, d))),
        (&SCENARIO, |f, d| drop(crate::raw::scenario::read_scenario(f, d))),
        (&CASEBOOK, |f, d| drop(crate::raw::casebook::read_casebook(f, d))),
    ];
    readers.iter().find(|(t, _)| std::ptr::eq(*t, top)).map(|(_, r)| *r).unwrap()
}

#[test]
fn every_reader_reads_every_declared_key_and_no_other() {
    for file in FILES {
        let text = body(file.top).join("\n");
        let source = SourceFile::new(file.path, text.clone());
        let _ = record::take();
        reader_of(file.top)(&source, &mut Diagnostics::default());
        let reads = record::take();
        let declared = tables_of(file.top);
        for read in &reads {
            let t = read.decl;
            assert!(
                declared.iter().any(|d| std::ptr::eq(*d, t)),
                "{}: a reader reads `{}` by a table the file does not declare",
                file.path,
                t.header
            );
            assert!(
                read.undeclared.is_empty(),
                "{}: `{}` reads undeclared keys {:?}",
                file.path,
                t.header,
                read.undeclared
            );
            if !read.elsewhere {
                let unread: Vec<&str> = t
                    .keys()
                    .enumerate()
                    .filter(|(i, _)| read.asked & (1 << i) == 0)
                    .map(|(_, k)| k.name)
                    .collect();
                assert!(
                    unread.is_empty(),
                    "{}: `{}` declares keys no reader reads: {unread:?}",
                    file.path,
                    t.header
                );
            }
        }
        // Every declared table is read, but those below a table read elsewhere (casus-geo).
        let elsewhere: Vec<&Table> = reads.iter().filter(|r| r.elsewhere).map(|r| r.decl).collect();
        let mut reachable = vec![file.top];
        let mut todo = vec![file.top];
        while let Some(t) = todo.pop() {
            if elsewhere.iter().any(|e| std::ptr::eq(*e, t)) {
                continue;
            }
            for c in t.children() {
                if c.named().is_none() {
                    reachable.push(c);
                }
                todo.push(c);
            }
        }
        for t in reachable {
            assert!(
                reads.iter().any(|r| std::ptr::eq(r.decl, t)),
                "{}: no reader reads `{}` (document: {text})",
                file.path,
                t.header
            );
        }
    }
}

#[test]
fn a_table_has_at_most_64_keys_and_each_once() {
    for file in FILES {
        for t in tables_of(file.top) {
            assert!(t.keys().count() <= 64, "{}", t.header);
            let mut names: Vec<&str> = t.keys().map(|k| k.name).collect();
            names.sort_unstable();
            let n = names.len();
            names.dedup();
            assert_eq!(n, names.len(), "`{}` declares a key twice", t.header);
        }
    }
}

#[test]
fn an_unknown_key_is_reported_with_a_suggestion_from_the_declaration() {
    let file = SourceFile::new("t.toml", "[[party]]\nstat = \"FRA\"\n".to_owned());
    let mut diags = Diagnostics::default();
    let _ = crate::raw::read_treaty(&file, &mut diags);
    let text = format!("{diags:?}");
    assert!(text.contains("unknown key `stat` in party"), "{text}");
    assert!(text.contains("did you mean `state`?"), "{text}");
}

#[test]
fn paths_lead_to_nested_tables_and_layouts() {
    assert!(std::ptr::eq(TREATY.at("variant.override.condition").unwrap(), &CONDITION));
    assert!(std::ptr::eq(TREATY.at("scope.clauses").unwrap(), &CLAUSE));
    assert_eq!(TREATY.layout("explanation", "text"), Layout::Trimmed);
    assert_eq!(TREATY.layout("scope.clauses", "label"), Layout::OneLine);
    assert_eq!(TREATY.layout("source", "citation"), Layout::OneLine);
    assert_eq!(TREATY.layout("article", "text"), Layout::Wrapped);
    assert_eq!(TREATY.layout("nowhere", "text"), Layout::Wrapped);
}
