//! Sign-in attempts limited per account and per address: after too many failures within the window, further
//! attempts are refused with a clear message until the oldest failure leaves the window. Kept in memory: each
//! node of a PostgreSQL deployment counts on its own, which still bounds guessing per node.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures per key (`user:NAME`, `ip:ADDRESS`).
pub(crate) struct LoginLimiter {
    max: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    pub(crate) fn new(max: u32, window_minutes: u32) -> Self {
        LoginLimiter {
            max: max.max(1) as usize,
            window: Duration::from_secs(u64::from(window_minutes.max(1)) * 60),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// How long until `keys` may try again, if any of them is locked.
    pub(crate) fn locked_for(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        keys.iter()
            .filter_map(|k| {
                let q = map.get_mut(k)?;
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) > self.window)
                {
                    q.pop_front();
                }
                (q.len() >= self.max).then(|| self.window.saturating_sub(now.duration_since(q[0])))
            })
            .max()
    }

    /// Counts a failure against every key.
    pub(crate) fn fail(&self, keys: &[String]) {
        let mut map = self
            .failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() > 100_000 {
            // Bounded memory under a spray of names: forget the oldest state rather than grow.
            map.clear();
        }
        for k in keys {
            map.entry(k.clone()).or_default().push_back(Instant::now());
        }
    }

    /// Forgets an account's failures after a successful sign-in.
    pub(crate) fn clear(&self, key: &str) {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_locks_after_the_allowed_failures_and_unlocks_on_success() {
        let l = LoginLimiter::new(3, 15);
        let keys = ["user:a".to_owned(), "ip:1".to_owned()];
        for _ in 0..2 {
            l.fail(&keys);
        }
        assert!(l.locked_for(&keys).is_none());
        l.fail(&keys);
        let wait = l.locked_for(&keys).unwrap();
        assert!(wait <= Duration::from_secs(15 * 60) && wait > Duration::from_secs(14 * 60));
        l.clear("user:a");
        assert!(l.locked_for(&["user:a".to_owned()]).is_none());
        assert!(l.locked_for(&["ip:1".to_owned()]).is_some());
    }
}
