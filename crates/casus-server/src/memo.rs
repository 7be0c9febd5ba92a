//! Answers to check requests, kept for reuse.
//!
//! Why this is sound: the dataset is loaded once and never changes while the server runs, and
//! evaluation is deterministic (the same event gives byte-identical JSON; the engine never reads
//! the clock). So the serialized answer to a valid request can be sent again for the same
//! request. The key is today's date (read at the edge, so that a request without a date moves
//! at midnight) and the request's bytes as sent: the same bytes on the same day are the same
//! event. A hit needs no parsing at all. Only successful answers are kept: a request in the
//! memo is known to be valid.
//!
//! Why it matters: most of a check's cost is serializing the decision (every finding carries
//! its treaty's citations), and the page asks the same questions again and again (a slider
//! dragged back, a shared link opened by many).
//!
//! Bounded by bytes ([`MEMO_BUDGET`]); past it the least recently used half of the budget goes.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use axum::body::Bytes;

/// The most the memo holds, in bytes of answers: about 2,000 typical decisions.
pub const MEMO_BUDGET: usize = 32 * 1024 * 1024;

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<Vec<u8>, (Bytes, u64)>,
    /// INVARIANT (memo size): the sum of the answers' and keys' lengths in `entries`.
    bytes: usize,
    tick: u64,
}

/// A bounded map from request keys to serialized answers.
#[derive(Debug)]
pub(crate) struct Memo {
    inner: Mutex<Inner>,
    budget: usize,
}

impl Memo {
    pub(crate) fn new(budget: usize) -> Self {
        Self { inner: Mutex::new(Inner::default()), budget }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the map inconsistent in a way that
        // matters (at worst a size count is off until eviction); keep serving.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn get(&self, key: &[u8]) -> Option<Bytes> {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let (answer, used) = inner.entries.get_mut(key)?;
        *used = tick;
        Some(answer.clone())
    }

    pub(crate) fn put(&self, key: Vec<u8>, answer: Bytes) {
        let size = key.len() + answer.len();
        if size > self.budget / 4 {
            return;
        }
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        // INVARIANT (memo size)
        if let Some((old, _)) = inner.entries.insert(key.clone(), (answer, tick)) {
            inner.bytes -= key.len() + old.len();
        }
        inner.bytes += size;
        if inner.bytes > self.budget {
            evict(&mut inner, self.budget / 2);
        }
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

/// Drops the least recently used entries until at most `target` bytes remain.
fn evict(inner: &mut Inner, target: usize) {
    // Hash order does not matter: the entries are sorted by last use right away.
    let mut by_age: Vec<(u64, Vec<u8>, usize)> =
        inner.entries.iter().map(|(k, (v, used))| (*used, k.clone(), k.len() + v.len())).collect();
    by_age.sort_unstable();
    for (_, key, size) in by_age {
        if inner.bytes <= target {
            break;
        }
        // INVARIANT (memo size)
        if inner.entries.remove(&key).is_some() {
            inner.bytes -= size;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_recent_answers_within_the_budget() {
        let memo = Memo::new(1000);
        for i in 0..100 {
            memo.put(format!("k{i:03}").into_bytes(), Bytes::from(vec![b'x'; 46]));
            assert!(memo.bytes() <= 1000);
            // k000 is read every time: it stays.
            assert!(memo.get(b"k000").is_some(), "{i}");
        }
        assert!(memo.get(b"k099").is_some());
        assert!(memo.get(b"k001").is_none());
        // Too large for the memo: not kept.
        memo.put(b"big".to_vec(), Bytes::from(vec![b'x'; 300]));
        assert!(memo.get(b"big").is_none());
        // Replacing an entry keeps the count exact.
        let before = memo.bytes();
        memo.put(b"k099".to_vec(), Bytes::from(vec![b'y'; 46]));
        assert_eq!(memo.bytes(), before);
        assert_eq!(memo.get(b"k099").unwrap()[0], b'y');
    }
}
