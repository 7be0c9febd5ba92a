//! A short list of ids borrowed from the classifier's data, kept inline: a point's land areas
//! are rarely more than four, so the hot path of a lookup allocates nothing for them.

/// Ids held inline before spilling into a `Vec`.
const INLINE: usize = 8;

/// A list of ids, in order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Ids<'a> {
    len: usize,
    inline: [&'a str; INLINE],
    more: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    pub(crate) fn push(&mut self, id: &'a str) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = id,
            None => self.more.push(id),
        }
        self.len += 1;
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.inline.iter().take(self.len).copied().chain(self.more.iter().copied())
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.iter().any(|x| x == id)
    }

    pub(crate) fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}
