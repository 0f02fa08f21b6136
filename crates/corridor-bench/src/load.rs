//! The load generator: `connections` tasks, each with its own keep-alive HTTP connection, sending requests
//! back to back for a fixed time and recording every latency.

use std::sync::Arc;
use std::time::{Duration, Instant};

/// One request: its method, path and body (a JSON body is sent with its type).
#[derive(Clone, Debug)]
pub struct Call {
    pub post: Option<String>,
    pub path: String,
}

impl Call {
    pub fn get(path: impl Into<String>) -> Call {
        Call {
            post: None,
            path: path.into(),
        }
    }
    pub fn post(path: impl Into<String>, body: String) -> Call {
        Call {
            post: Some(body),
            path: path.into(),
        }
    }
}

/// What a run measured.
#[derive(Debug, Default)]
pub struct Sample {
    /// Every successful request's latency, sorted.
    pub latencies: Vec<Duration>,
    /// Requests answered with an error status or not answered.
    pub errors: usize,
    /// The first error, for the report.
    pub first_error: Option<String>,
    pub elapsed: Duration,
}

impl Sample {
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    pub fn quantile(&self, q: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let i = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[i]
    }
}

/// Sends `calls` (round robin, each task starting at its own offset) to `base` over `connections`
/// connections for `duration`.
pub async fn run(
    base: &str,
    token: Option<&str>,
    calls: &[Call],
    connections: usize,
    duration: Duration,
) -> Sample {
    let calls = Arc::new(calls.to_vec());
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(connections);
    for c in 0..connections {
        let calls = calls.clone();
        let base = base.to_owned();
        let token = token.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .timeout(Duration::from_secs(60))
                .build()
                .expect("an HTTP client");
            let mut out = Sample::default();
            let mut i = c;
            while Instant::now() < deadline {
                let call = &calls[i % calls.len()];
                i += 1;
                let url = format!("{base}{}", call.path);
                let mut req = match &call.post {
                    Some(body) => client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(body.clone()),
                    None => client.get(&url),
                };
                if let Some(t) = &token {
                    req = req.bearer_auth(t);
                }
                let sent = Instant::now();
                match req.send().await {
                    Ok(res) => {
                        let status = res.status();
                        let body = res.bytes().await;
                        if status.is_success() && body.is_ok() {
                            out.latencies.push(sent.elapsed());
                        } else {
                            out.errors += 1;
                            if out.first_error.is_none() {
                                let text: String = body
                                    .map(|b| {
                                        String::from_utf8_lossy(&b)
                                            .chars()
                                            .take(300)
                                            .collect::<String>()
                                    })
                                    .unwrap_or_default();
                                out.first_error =
                                    Some(format!("{} {}: {status} {text}", call.path, url));
                            }
                        }
                    }
                    Err(e) => {
                        out.errors += 1;
                        if out.first_error.is_none() {
                            out.first_error = Some(format!("{}: {e}", call.path));
                        }
                    }
                }
            }
            out
        }));
    }
    let mut total = Sample::default();
    for t in tasks {
        if let Ok(s) = t.await {
            total.latencies.extend(s.latencies);
            total.errors += s.errors;
            if total.first_error.is_none() {
                total.first_error = s.first_error;
            }
        }
    }
    total.elapsed = start.elapsed();
    total.latencies.sort_unstable();
    total
}
