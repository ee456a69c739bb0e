//! The built `demarche` binary as a separate process, configured for one test.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::Duration;

use super::wait_for;

/// Path of the binary cargo built for the tests.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_demarche")
}

/// A free loopback port (racy, but the daemon binds it a moment later).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A running daemon; killed when dropped.
pub struct Daemon {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Daemon {
    /// Starts `demarche run --config FILE`.
    pub fn start(config: &Path, port: u16) -> Self {
        Self::start_logging(config, port, "info,librdkafka=warn,rdkafka=warn")
    }

    /// Starts the daemon with a log filter of the test's choosing.
    pub fn start_logging(config: &Path, port: u16, level: &str) -> Self {
        let log_path = config.with_extension(format!("{}.log", unique_suffix()));
        let log = std::fs::File::create(&log_path).expect("log file");
        let child = Command::new(binary())
            .args(["run", "--config"])
            .arg(config)
            .env("DEMARCHE__LOG__FORMAT", "json")
            .env("DEMARCHE__LOG__LEVEL", level)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start demarche");
        Self {
            child,
            port,
            log: log_path,
        }
    }

    /// What the daemon has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// GET a path of the daemon's HTTP endpoint: (status, body), or `None` if not listening.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        http_get(self.port, path)
    }

    /// Waits until `/readyz` says ready.
    pub fn wait_ready(&self, timeout: Duration) {
        wait_for("the daemon to be ready", timeout, || {
            matches!(self.get("/readyz"), Some((200, _))).then_some(())
        });
    }

    /// The value of one metric sample line (`name{labels}`), 0 if absent.
    pub fn metric(&self, sample: &str) -> f64 {
        let (_, body) = self.get("/metrics").unwrap_or((0, String::new()));
        metric_value(&body, sample)
    }

    /// Sends SIGTERM and waits for the exit.
    pub fn terminate(mut self, timeout: Duration) -> ExitStatus {
        signal(self.child.id(), "TERM");
        let status = wait_for("the daemon to exit", timeout, || {
            self.child.try_wait().ok().flatten()
        });
        std::mem::forget(self);
        status
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn signal(pid: u32, name: &str) {
    let status = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("kill");
    assert!(status.success(), "kill -{name} {pid} failed");
}

/// The value of the sample `name{labels}` in Prometheus text, 0 if absent.
pub fn metric_value(body: &str, sample: &str) -> f64 {
    body.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            (name == sample).then(|| value.parse().ok()).flatten()
        })
        .unwrap_or(0.0)
}

/// A minimal HTTP/1.0 GET, enough for the daemon's endpoint.
pub fn http_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned())?;
    Some((status, body))
}

/// Runs `demarche extract` with `args`, the configuration file `config` and variables `env`,
/// feeding `stdin`.
pub fn extract(config: Option<&Path>, args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut command = Command::new(binary());
    if let Some(config) = config {
        command.arg("--config").arg(config);
    }
    let mut child = command
        .arg("extract")
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start demarche extract");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("extract output")
}
