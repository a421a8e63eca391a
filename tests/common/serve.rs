//! `baocao serve` started by a test, and raw HTTP requests to it (std only).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `baocao serve`; stopped (killed, by its own pid) when dropped.
pub struct Server {
    child: Child,
    /// Its port.
    pub port: u16,
    /// Its secret token.
    pub token: String,
    /// The URL it printed.
    pub url: String,
}

impl Server {
    /// Starts `baocao serve --project DIR --port 0` and reads the address it prints.
    pub fn start(project: &Path) -> Server {
        Server::start_in(project, "en")
    }

    /// [`Server::start`] with its messages and its page in `lang` (`vi` or `en`).
    pub fn start_in(project: &Path, lang: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["--lang", lang, "serve", "--port", "0", "--project"])
            .arg(project)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("baocao serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let url = line.trim().to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "serve printed {url:?}");
        let port = url["http://127.0.0.1:".len()..].split('/').next().unwrap().parse().unwrap();
        let token = url.split("token=").nth(1).unwrap().to_string();
        Server { child, port, token, url }
    }

    /// `GET target` with the token as a query parameter.
    pub fn get(&self, target: &str) -> Response {
        let sep = if target.contains('?') { '&' } else { '?' };
        self.raw("GET", &format!("{target}{sep}token={}", self.token), &[], b"")
    }

    /// `POST target` with a JSON body and the token.
    pub fn post(&self, target: &str, json: &serde_json::Value) -> Response {
        let body = serde_json::to_vec(json).unwrap();
        let sep = if target.contains('?') { '&' } else { '?' };
        self.raw("POST", &format!("{target}{sep}token={}", self.token), &[("Content-Type", "application/json")], &body)
    }

    /// A request exactly as given (Host is this server's unless given).
    pub fn raw(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
        request(self.port, method, target, headers, body)
    }

    /// Waits until the workspace has built (pages shown) and the generation is past `after`.
    pub fn wait_build(&self, after: u64) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let status = self.get("/api/status").json();
            if status["generation"].as_u64().unwrap_or(0) > after {
                return status;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "no build after generation {after}: {status}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// A header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// One request on its own connection (`Connection: close`).
pub fn request(port: u16, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(300))).unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("no answer: {raw:?}"));
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
    out
}

/// The project in `dir` made a git repository with one commit (for comparing with `HEAD`).
pub fn git_commit_all(dir: &Path, message: &str) {
    for args in
        [&["init", "-q"][..], &["add", "-A"], &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", message]]
    {
        let ok = Command::new("git").args(args).current_dir(dir).status().unwrap().success();
        assert!(ok, "git {args:?}");
    }
}
