//! Casebook files as written (`casebook/README.md`), with spans: checked by `check::casebook`,
//! run by `casebook::run_case`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::reader::{parse_document, TableReader};
use super::schema;
use crate::diag::{suggestion_or_list, Code, Diagnostic, Diagnostics};
use crate::input::{echo, Given, RawEvent};
use crate::source::{Loc, SourceFile};

/// How settled the expected outcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Settled law.
    Settled,
    /// The mainstream reading.
    Mainstream,
    /// Contested: reported, fails the run only with `--strict`.
    Contested,
}

/// An expected triggered treaty, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectTriggered {
    /// Treaty id.
    pub treaty: Given<String>,
    /// Article (informative).
    pub article: Option<String>,
    /// Codes and tokens.
    pub obligated: Vec<Given<String>>,
    /// How strong the duty is, from `automatic_all_forces` to `consult_only` (docs/format.md).
    pub strength: Option<Given<String>>,
}

/// One case, as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Unique id.
    pub id: Given<String>,
    /// The case's title: the attack in a few words.
    pub title: String,
    /// The attack.
    pub event: RawEvent,
    /// Expected triggered treaties.
    pub expect_triggered: Vec<ExpectTriggered>,
    /// Treaties expected not to be triggered (the why is informative).
    pub expect_not_triggered: Vec<Given<String>>,
    /// How settled the expected outcome is: settled, mainstream or contested.
    pub confidence: Confidence,
}

/// A casebook as read.
#[derive(Debug, Clone)]
pub struct Casebook {
    /// Tokens: name to the treaty id whose parties it stands for.
    pub tokens: BTreeMap<String, Given<String>>,
    /// Cases in file order.
    pub cases: Vec<Case>,
    /// The whole file, for problems of the whole (no case at all).
    pub(crate) file: Loc,
}

/// Reads a casebook as written. Problems of form become diagnostics; what the cases name is
/// checked by [`crate::check::check_casebook`].
pub fn read_casebook(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Casebook {
    let doc = parse_document(file, diags);
    let top = TableReader::new(file, doc.get_ref(), doc.span(), &schema::CASEBOOK, diags);
    let mut book =
        Casebook { tokens: BTreeMap::new(), cases: Vec::new(), file: Loc::new(file, doc.span()) };
    for (tbl, span) in top.tables("tokens", diags) {
        for (key, value) in tbl.iter() {
            if let toml::de::DeValue::Table(t) = value.get_ref() {
                let r = TableReader::new(file, t, span.clone(), &schema::TOKEN, diags);
                if let Some(p) = r.given_str("parties_of", diags) {
                    book.tokens.insert(key.get_ref().to_string(), p);
                } else if !r.has("parties_of") {
                    r.missing("parties_of", diags);
                }
            }
        }
    }
    for (tbl, span) in top.tables("case", diags) {
        let r = TableReader::new(file, tbl, span.clone(), &schema::CASE, diags);
        let mut event = r.event(false, diags);
        event.assume = r.given_list("assume_in_force", diags);
        let mut expect_triggered = Vec::new();
        for (t, s) in r.tables("expect_triggered", diags) {
            let er = TableReader::new(file, t, s, &schema::EXPECT_TRIGGERED, diags);
            let treaty = er.req_str("treaty", diags);
            let article = er.str("article", diags).map(|a| a.value);
            let obligated = er.given_list("obligated", diags);
            let strength = er.given_str("strength", diags);
            if let Some(treaty) = treaty {
                let treaty = er.given(treaty);
                expect_triggered.push(ExpectTriggered { treaty, article, obligated, strength });
            }
        }
        let mut expect_not_triggered = Vec::new();
        for (t, s) in r.tables("expect_not_triggered", diags) {
            let er = TableReader::new(file, t, s, &schema::EXPECT_NOT_TRIGGERED, diags);
            let _ = er.str("why", diags);
            if let Some(treaty) = er.req_str("treaty", diags) {
                expect_not_triggered.push(er.given(treaty));
            }
        }
        let _ = (r.str("historical_outcome", diags), r.str_list("sources", diags));
        let _ = r.str_list("expect_obligated", diags);
        let confidence = match r.str("confidence", diags) {
            None => Confidence::Mainstream,
            Some(c) => match c.value.as_str() {
                "settled" => Confidence::Settled,
                "mainstream" => Confidence::Mainstream,
                "contested" => Confidence::Contested,
                other => {
                    let names = ["settled", "mainstream", "contested"];
                    diags.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("unknown confidence `{}`", echo(other)),
                        )
                        .help(suggestion_or_list(other, names))
                        .at(r.loc(c.span)),
                    );
                    Confidence::Mainstream
                }
            },
        };
        let title = r.str("title", diags).map(|t| t.value).unwrap_or_default();
        let Some(id) = r.req_str("id", diags) else { continue };
        book.cases.push(Case {
            id: r.given(id),
            title,
            event,
            expect_triggered,
            expect_not_triggered,
            confidence,
        });
    }
    book
}
