//! `jixiao serve` with no configuration: creates the SQLite store, prints a one-time admin
//! password and `listening on http://HOST:PORT`, and answers HTTP there.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

#[test]
fn serve_starts_with_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(dir.path())
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    let mut addr = None;
    for _ in 0..5 {
        let mut line = String::new();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(a) = line.trim().strip_prefix("listening on http://") {
            addr = Some(a.to_string());
            break;
        }
        lines.push(line);
    }
    let addr = addr.unwrap_or_else(|| panic!("no listening line; got {lines:?}"));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("admin") && l.contains("密码")),
        "{lines:?}"
    );
    assert!(dir.path().join("jixiao-data/jixiao.db").exists());
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        s,
        "GET /api/me HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(resp.starts_with("HTTP/1.1 401"), "{resp}");
}
