//! The gate in front of expensive work (cascades and simulations): a few run at once, a few
//! more wait, the rest are answered 503 with `Retry-After` at once, so that an expensive
//! burst never queues without bound or starves the cheap routes (`/v1/check` runs on the
//! async workers; simulations run on blocking threads, at as many as the gate lets run).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{busy, ApiError};

/// Admission to expensive work.
#[derive(Debug)]
pub(crate) struct Gate {
    running: Arc<Semaphore>,
    /// Requests admitted: running or waiting for a place.
    admitted: Arc<AtomicUsize>,
    max_admitted: usize,
}

/// A place taken; dropped, it frees the place (and its admission). Owned, so that it can go
/// with the work to a blocking thread.
#[derive(Debug)]
pub(crate) struct Permit {
    _running: OwnedSemaphorePermit,
    admitted: Arc<AtomicUsize>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.admitted.fetch_sub(1, Ordering::AcqRel);
    }
}

/// An admission that has not got its place yet; dropped (the request's time limit, a client
/// that left), it leaves the queue.
struct Waiting<'a>(&'a AtomicUsize, bool);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        if !self.1 {
            self.0.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl Gate {
    /// `running` at once, `waiting` more in line.
    pub(crate) fn new(running: usize, waiting: usize) -> Self {
        let running = running.max(1);
        Self {
            running: Arc::new(Semaphore::new(running)),
            admitted: Arc::new(AtomicUsize::new(0)),
            max_admitted: running + waiting,
        }
    }

    /// The gate for this machine: one fewer runner than cores (at least one), so that a core
    /// stays free for the cheap routes; twice as many in line.
    pub(crate) fn for_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let running = cores.saturating_sub(1).max(1);
        Self::new(running, 2 * running)
    }

    /// Waits for a place, or answers 503 at once if the line is full.
    pub(crate) async fn enter(&self) -> Result<Permit, ApiError> {
        let before = self.admitted.fetch_add(1, Ordering::AcqRel);
        let mut waiting = Waiting(&self.admitted, false);
        if before >= self.max_admitted {
            return Err(ApiError::Busy(busy().into()));
        }
        let running = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|_| ApiError::Internal("the gate is closed".to_owned()))?;
        waiting.1 = true;
        Ok(Permit { _running: running, admitted: Arc::clone(&self.admitted) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_line_is_bounded_and_places_come_back() {
        let gate = Gate::new(1, 1);
        let first = gate.enter().await;
        assert!(first.is_ok());
        // One may wait; a third is refused at once.
        let second = gate.enter();
        tokio::pin!(second);
        assert!(futures_poll_once(second.as_mut()).await.is_none(), "the second waits");
        let third = gate.enter().await;
        assert_eq!(third.err().map(|e| e.status().as_u16()), Some(503));
        drop(first);
        assert!(second.await.is_ok(), "the second gets the freed place");
        assert_eq!(gate.admitted.load(Ordering::Acquire), 0, "every admission is returned");
    }

    /// Polls a future once: `Some` if it was ready.
    async fn futures_poll_once<F: std::future::Future + Unpin>(f: F) -> Option<F::Output> {
        let mut f = Some(f);
        std::future::poll_fn(move |cx| {
            let Some(mut inner) = f.take() else { return std::task::Poll::Ready(None) };
            match std::pin::Pin::new(&mut inner).poll(cx) {
                std::task::Poll::Ready(v) => std::task::Poll::Ready(Some(v)),
                std::task::Poll::Pending => {
                    // Keep it pending for the caller: return None without dropping the state
                    // (the caller still holds the pinned future).
                    std::task::Poll::Ready(None)
                }
            }
        })
        .await
    }
}
