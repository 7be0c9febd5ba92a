//! Markdown briefs an analyst can paste: `casus check --format markdown` and `casus compare
//! --format markdown`. A heading, the question, the answer in a sentence, tables, a banner for
//! hypothetical findings, and numbered citations (footnotes) with the sources' addresses.

use std::collections::BTreeMap;
use std::fmt::Write;

use casus_core::compare::Comparison;
use casus_core::eval::{Decision, Finding, PlaceInput};
use casus_core::model::{ReasonCode, Source};

use crate::compare::{obligation_lines, sentence, title, version_line};

/// Numbered citations, in order of first use; a source is one per treaty file and id.
#[derive(Debug, Default)]
struct Notes {
    numbers: BTreeMap<(String, String), usize>,
    list: Vec<Source>,
}

impl Notes {
    /// The footnote mark of a source of `treaty` (`[^3]`).
    fn cite(&mut self, treaty: &str, s: &Source) -> String {
        let key = (treaty.to_owned(), s.id.clone());
        let n = match self.numbers.get(&key) {
            Some(n) => *n,
            None => {
                self.list.push(s.clone());
                let n = self.list.len();
                self.numbers.insert(key, n);
                n
            }
        };
        format!("[^{n}]")
    }
    /// The marks of several sources.
    fn cite_all<'a>(
        &mut self,
        treaty: &str,
        sources: impl IntoIterator<Item = &'a Source>,
    ) -> String {
        sources.into_iter().map(|s| self.cite(treaty, s)).collect()
    }
    /// The footnotes.
    fn write(&self, out: &mut String) {
        if self.list.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n## Sources\n");
        for (i, s) in self.list.iter().enumerate() {
            let url = s.url.as_ref().map_or_else(String::new, |u| format!(" <{u}>"));
            let _ = writeln!(out, "[^{}]: {}{url}", i + 1, one_line(&s.citation));
        }
    }
}

/// Text for a table cell or a list item: on one line, pipes escaped.
fn cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a finding is named: its title, id and variant.
fn named(f: &Finding) -> String {
    let v = f.variant.as_ref().map_or_else(String::new, |v| format!(", variant `{}`", v.id));
    format!("{} (`{}`{v})", f.title, f.treaty)
}

/// How a table names a finding: its id, and its variant.
fn short(f: &Finding) -> String {
    match &f.variant {
        Some(v) => format!("`{}:{}`", f.treaty, v.id),
        None => format!("`{}`", f.treaty),
    }
}

/// The place of a decision, in words.
fn place(d: &Decision) -> String {
    let e = d.event();
    match (&e.place_label, &e.place) {
        (Some(l), _) => l.to_string(),
        (None, PlaceInput::Region { code }) => {
            e.place_facts.name.as_ref().map_or_else(|| code.clone(), |n| format!("{n} ({code})"))
        }
        (None, PlaceInput::Point { lat, lon }) => format!("{lat}, {lon}"),
        (None, PlaceInput::Unspecified) => "its metropolitan territory (assumed)".to_owned(),
    }
}

/// The Markdown brief of a decision.
pub(crate) fn decision(d: &Decision) -> String {
    let mut out = String::new();
    let mut notes = Notes::default();
    let e = d.event();
    let _ = writeln!(
        out,
        "# Armed attack by {} ({}) on {} ({}), {}\n",
        e.aggressor.name, e.aggressor.code, e.victim.name, e.victim.code, e.date
    );
    if d.is_hypothetical() {
        let _ = writeln!(
            out,
            "> **HYPOTHETICAL.** Assumes in force: {}. A proposal binds no one until concluded.\n",
            e.assume_in_force.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "**Question.** If {} attacks {} on {} (target: {}; place: {}), who is bound to assist \
         it, how strongly, and under which article?\n",
        e.aggressor.name,
        e.victim.name,
        e.date,
        e.target,
        place(d),
    );
    let bound = d.obligated_states();
    let ids: Vec<String> = d.triggered().iter().map(|f| format!("`{}`", f.treaty)).collect();
    let answer = if bound.is_empty() {
        "No state is bound to assist.".to_owned()
    } else {
        format!(
            "{} state(s) are bound to assist under {} instrument(s): {}.",
            bound.len(),
            ids.len(),
            ids.join(", ")
        )
    };
    let undecided = if d.indeterminate().is_empty() {
        String::new()
    } else {
        format!(" {} more instrument(s) are undecided for lack of a fact.", d.indeterminate().len())
    };
    let _ = writeln!(out, "**Answer.** {answer}{undecided}\n");
    for n in d.notes() {
        let _ = writeln!(out, "*Note: {}*\n", cell(n));
    }
    if !d.triggered().is_empty() {
        let _ = writeln!(out, "## Who is bound\n");
        let _ = writeln!(out, "| State | Treaty | Article | Strength |\n|---|---|---|---|");
        let mut rows = Vec::new();
        for f in d.triggered() {
            for o in &f.obligations {
                for s in &o.obligated {
                    rows.push((
                        s.code.to_string(),
                        short(f),
                        cell(o.article_title()),
                        o.strength.to_string(),
                    ));
                }
            }
        }
        rows.sort();
        for (s, t, a, st) in rows {
            let _ = writeln!(out, "| {s} | {t} | {a} | {st} |");
        }
        for f in d.triggered() {
            let marks = notes.cite_all(&f.treaty, f.sources.iter());
            let _ = writeln!(out, "\n{}: {}{marks}", short(f), cell(&named(f)));
            for o in &f.obligations {
                if !o.operative_text().is_empty() {
                    let _ = writeln!(
                        out,
                        "\n> {}: \"{}\" ({})",
                        cell(o.article_title()),
                        cell(o.operative_text()),
                        o.text_quality()
                    );
                }
                for c in &o.caveats {
                    let _ = writeln!(out, "\n*Caveat: {}*", cell(&c.to_string()));
                }
            }
        }
        out.push('\n');
    }
    if !d.indeterminate().is_empty() {
        let _ = writeln!(out, "## Undecided for lack of facts\n");
        for f in d.indeterminate() {
            let marks = notes.cite_all(&f.treaty, f.sources.iter());
            let missing: Vec<String> = f
                .obligations
                .iter()
                .flat_map(|o| o.missing.iter().map(|m| m.to_string()))
                .collect();
            let states: Vec<String> = f.obligated().iter().map(|s| s.code.to_string()).collect();
            let _ = writeln!(
                out,
                "- {}{marks}: would bind {}; missing: {}",
                cell(&named(f)),
                states.join(", "),
                cell(&missing.join("; "))
            );
        }
        out.push('\n');
    }
    let not: Vec<&Finding> = d.not_triggered().iter().collect();
    if !not.is_empty() {
        let _ = writeln!(out, "## Not triggered\n");
        for f in not {
            let why = f
                .reasons
                .iter()
                .chain(f.obligations.iter().flat_map(|o| &o.reasons))
                .find(|r| r.is_failure())
                .or_else(|| {
                    f.reasons.iter().find(|r| {
                        !matches!(r.code, ReasonCode::InForce | ReasonCode::AssumedInForce)
                    })
                });
            let why = why.map_or_else(String::new, |r| {
                format!(": {} (`{}`)", cell(&r.text.to_string()), r.code)
            });
            let marks = notes.cite_all(&f.treaty, f.sources.iter());
            let _ = writeln!(out, "- {}{marks}{why}", cell(&named(f)));
        }
        out.push('\n');
    }
    if !d.other_duties().is_empty() {
        let _ = writeln!(out, "## Other duties (no duty to assist)\n");
        for duty in d.other_duties() {
            let v = duty.variant.as_ref().map_or_else(String::new, |v| format!(", variant `{v}`"));
            let states: Vec<String> =
                duty.finding.obligated.iter().map(|s| s.code.to_string()).collect();
            let _ = writeln!(
                out,
                "- `{}`{v}, {}: {} ({}) by {}",
                duty.treaty,
                cell(duty.finding.article_title()),
                duty.finding.kind,
                duty.finding.strength,
                states.join(", ")
            );
        }
        out.push('\n');
    }
    notes.write(&mut out);
    out
}

/// The Markdown brief of a comparison.
pub(crate) fn comparison(c: &Comparison) -> String {
    let mut out = String::new();
    let mut notes = Notes::default();
    let keys: Vec<String> = c.items.iter().map(|p| format!("`{}`", p.key)).collect();
    let _ = writeln!(out, "# Comparison on {}: {}\n", c.date, keys.join(", "));
    if c.hypothetical {
        let _ = writeln!(
            out,
            "> **HYPOTHETICAL.** Proposals are compared as if in force; none binds anyone until \
             concluded.\n"
        );
    }
    let _ = writeln!(
        out,
        "**Question.** Who does each instrument bind, to whom, on what trigger, how strongly, \
         where and for how long; and on which attacks does one bind a state that another does \
         not?\n"
    );
    let found: usize = c.pairs.iter().map(|p| p.found).sum();
    let answer = match c.pairs.iter().find_map(|p| p.counterexamples.first().map(|e| (p, e))) {
        None => "On every attack searched, they bind the same states.".to_owned(),
        Some((p, e)) => format!(
            "They differ on {found} distinct attack(s) found; for one, {}.",
            cell(&sentence(e, &p.a, &p.b))
        ),
    };
    let _ = writeln!(out, "**Answer.** {answer}\n");
    let _ = writeln!(out, "## Side by side\n");
    let head: Vec<String> =
        c.items.iter().enumerate().map(|(i, p)| format!("[{}] `{}`", i + 1, p.key)).collect();
    let _ = writeln!(out, "| | {} |", head.join(" | "));
    let _ = writeln!(out, "|---|{}", "---|".repeat(c.items.len()));
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut push = |name: &str, cells: Vec<String>| rows.push((name.to_owned(), cells));
    push(
        "Instrument",
        c.items
            .iter()
            .map(|p| {
                let h = if p.hypothetical { " **(hypothetical)**" } else { "" };
                format!("{} ({}){h}", cell(&title(p)), p.instrument)
            })
            .collect(),
    );
    push("Status", c.items.iter().map(|p| cell(&p.status)).collect());
    push(
        "Version",
        c.items
            .iter()
            .map(|p| {
                let v = version_line(p).unwrap_or_else(|| "-".to_owned());
                let off = p
                    .on_the_table
                    .as_ref()
                    .map_or_else(String::new, |w| format!("; not on the table: {w}"));
                cell(&format!("{v}{off}"))
            })
            .collect(),
    );
    push("Duration", c.items.iter().map(|p| cell(&p.duration)).collect());
    push(
        "Strength",
        c.items
            .iter()
            .map(|p| {
                p.obligations
                    .iter()
                    .map(|o| format!("{}: {} {}", o.obligation, o.kind, o.strength))
                    .collect::<Vec<_>>()
                    .join("<br>")
            })
            .collect(),
    );
    for (label, key) in [
        ("Bound", "bound"),
        ("Owed to", "owed to"),
        ("Trigger", "trigger"),
        ("Conditions", "conditions"),
        ("Scope", "scope"),
    ] {
        push(
            label,
            c.items
                .iter()
                .map(|p| {
                    let many = p.obligations.len() > 1;
                    p.obligations
                        .iter()
                        .filter_map(|o| {
                            let v = obligation_lines(o).into_iter().find(|(k, _)| *k == key)?.1;
                            Some(if many {
                                format!("{}: {}", o.obligation, cell(&v))
                            } else {
                                cell(&v)
                            })
                        })
                        .collect::<Vec<_>>()
                        .join("<br>")
                })
                .collect(),
        );
    }
    let texts: Vec<String> = c
        .items
        .iter()
        .map(|p| {
            p.obligations
                .iter()
                .filter_map(|o| o.article.as_ref())
                .map(|a| format!("{}: \"{}\" ({})", cell(&a.title), cell(&a.quote), a.quality))
                .collect::<Vec<_>>()
                .join("<br>")
        })
        .collect();
    push("Text", texts);
    let sources: Vec<String> =
        c.items.iter().map(|p| notes.cite_all(&p.treaty, &p.sources)).collect();
    rows.push(("Sources".to_owned(), sources));
    for (name, cells) in rows {
        let _ = writeln!(out, "| {name} | {} |", cells.join(" | "));
    }
    let _ = writeln!(out, "\n## Counterexamples\n");
    for p in &c.pairs {
        let _ = writeln!(
            out,
            "### `{}` vs `{}`\n\n{} found, {} shown.\n",
            p.a,
            p.b,
            p.found,
            p.counterexamples.len()
        );
        for (n, e) in p.counterexamples.iter().enumerate() {
            let _ = writeln!(out, "{}. {}", n + 1, cell(&sentence(e, &p.a, &p.b)));
        }
        if !p.counterexamples.is_empty() {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "*Search: {}.*", cell(&crate::compare::search_line(c)));
    notes.write(&mut out);
    out
}
