//! `corridor serve` as a child process: started on a free port, timed until `/healthz` answers, measured
//! through `/proc`, stopped with SIGTERM.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub base: String,
    /// From the spawn to the first `200` of `/healthz`.
    pub start_up: Duration,
}

/// The command line every `corridor` call of the benchmark shares.
pub fn corridor(bin: &Path, url: &str, dir: &Path) -> Command {
    let mut c = Command::new(bin);
    c.arg("--database")
        .arg(url)
        .arg("--data-dir")
        .arg(dir)
        .env("RUST_LOG", "warn");
    c
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

impl Server {
    pub async fn start(bin: &Path, url: &str, dir: &Path) -> Result<Server> {
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let began = Instant::now();
        // The server's log goes beside the world, out of the table's way.
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .context("cannot open the server's log")?;
        let child = corridor(bin, url, dir)
            .arg("serve")
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("cannot start {}", bin.display()))?;
        let mut server = Server {
            child,
            base,
            start_up: Duration::ZERO,
        };
        let client = reqwest::Client::new();
        let health = format!("{}/healthz", server.base);
        while began.elapsed() < Duration::from_secs(120) {
            if let Ok(r) = client.get(&health).send().await
                && r.status().is_success()
            {
                server.start_up = began.elapsed();
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                bail!("corridor serve ended before answering: {status}");
            }
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        bail!("corridor serve did not answer /healthz within 120 s")
    }

    /// The peak and current resident memory of the server, in MB, from `/proc/PID/status`.
    pub fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        let kb = |key: &str| {
            status
                .lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmHWM:") / 1024.0, kb("VmRSS:") / 1024.0)
    }

    /// Stops the server with SIGTERM and waits for it.
    pub fn stop(mut self) -> Result<()> {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let began = Instant::now();
        while began.elapsed() < Duration::from_secs(30) {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }
}

/// The release binary: `CORRIDOR_BENCH_BIN`, else built now with the cargo that runs the benchmark.
pub fn binary() -> Result<PathBuf> {
    if let Ok(bin) = std::env::var("CORRIDOR_BENCH_BIN") {
        return Ok(PathBuf::from(bin));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    println!("building the release binary (cargo build --release -p corridor)");
    let status = Command::new(cargo)
        .current_dir(&root)
        .args(["build", "--release", "-p", "corridor"])
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo build --release -p corridor failed");
    }
    Ok(root.join("target/release/corridor"))
}
