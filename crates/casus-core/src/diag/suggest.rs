//! "Did you mean" suggestions (after Cedar's `fuzzy_match.rs`).

/// Input longer than this is no typo of an id: no suggestion is searched for (a 65,000
/// character id would otherwise cost a quadratic edit distance against every candidate).
const LONGEST_TYPO: usize = 128;

/// The candidate closest to `input` by edit distance, if it is close enough to be a plausible
/// typo: at most a third of the input's length, and at least one edit.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = input.chars().count();
    if len > LONGEST_TYPO {
        return None;
    }
    let input_lower = input.to_lowercase();
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        // The edit distance is at least the difference in length.
        if c.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = levenshtein(&input_lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The help line "did you mean `x`?", if a candidate is close.
pub fn suggestion<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    did_you_mean(input, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// The help line "did you mean `x`?", or else the list of what is accepted ("one of a, b, c"),
/// for closed vocabularies.
pub fn suggestion_or_list<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    suggestion(input, candidates.clone()).unwrap_or_else(|| {
        let all: Vec<&str> = candidates.into_iter().collect();
        format!("one of {}", all.join(", "))
    })
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX) + 1;
            let ins = cur.get(j).copied().unwrap_or(usize::MAX) + 1;
            let sub = prev.get(j).copied().unwrap_or(usize::MAX) + cost;
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = del.min(ins).min(sub);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("strenght", ["strength", "source"]), Some("strength"));
        assert_eq!(did_you_mean("FRN", ["FRA", "GBR"]), Some("FRA"));
        assert_eq!(did_you_mean("zzzzzz", ["strength"]), None);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
    }
}
