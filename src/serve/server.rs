//! The HTTP side of `serve` and its security: who may ask, and how much.
//!
//! - Bound to 127.0.0.1 unless `--host` names another address (then with a warning).
//! - A random token (24 bytes from the OS) in the URL printed at start, required on every
//!   request: as `?token=` or, after the first visit, as a cookie (HttpOnly, SameSite=Strict).
//!   The first visit is redirected to the same page without the token in the address bar.
//! - The Host header must name the address served (a DNS-rebinding page names its own host),
//!   and an Origin header, when sent, must be this server's (another site's page sends its own).
//! - A request target over [`MAX_URL_BYTES`], or a body over its limit
//!   ([`crate::limits::MAX_REQUEST_BYTES`], [`crate::limits::MAX_UPLOAD_BYTES`] for a PDF to
//!   compare), is refused before it is read, and a body is read only once the token, Host and
//!   Origin have been checked; a path with `..` or a backslash is not found.
//! - Every answer forbids framing, sniffing, referrers and any script or style not served here
//!   (Content-Security-Policy).

use std::io::Read as _;

use crate::limits::MAX_URL_BYTES;

/// The name of the token's cookie for a port (cookies are per host, not per port).
pub fn cookie_name(port: u16) -> String {
    format!("baocao-{port}")
}

/// A new secret token: 24 bytes of the OS's randomness, in hex.
pub fn new_token() -> std::io::Result<String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What a request must carry.
#[derive(Debug, Clone)]
pub struct Guard {
    /// The secret.
    pub token: String,
    /// The port served.
    pub port: u16,
    /// The host names a request may name (`127.0.0.1`, `localhost`, `[::1]`, or `--host`).
    pub hosts: Vec<String>,
}

/// A request, as the routes read it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET`, `POST`…
    pub method: String,
    /// The path, percent-decoded.
    pub path: String,
    /// The query's pairs, percent-decoded.
    pub query: Vec<(String, String)>,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body (at most [`crate::limits::MAX_REQUEST_BYTES`], or the upload limit).
    pub body: Vec<u8>,
}

impl Request {
    /// A query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A header (name in lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status.
    pub status: u16,
    /// Its Content-Type.
    pub content_type: &'static str,
    /// Its body.
    pub body: Vec<u8>,
    /// More headers.
    pub headers: Vec<(String, String)>,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, value: &serde_json::Value) -> Reply {
        let body = serde_json::to_vec(value).unwrap_or_default();
        Reply { status, content_type: "application/json; charset=utf-8", body, headers: Vec::new() }
    }

    /// An error for people, as JSON: `{"error": message}`.
    pub fn error(status: u16, message: &str) -> Reply {
        Reply::json(status, &serde_json::json!({ "error": message }))
    }

    /// Bytes of a type.
    pub fn bytes(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply { status: 200, content_type, body, headers: Vec::new() }
    }

    /// With a header.
    pub fn with(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// What the guard decided.
#[derive(Debug, PartialEq, Eq)]
pub enum Access {
    /// Go on.
    Allowed,
    /// The first visit with the token in the URL: set the cookie and go to this address.
    Enter(String),
    /// Refused (403), with the reason (the id of its message in serve.ftl).
    Forbidden(&'static str),
}

impl Guard {
    /// Checks Host, Origin and the token of a request.
    pub fn check(&self, request: &Request) -> Access {
        let Some(host) = request.header("host") else { return Access::Forbidden("serve-why-no-host") };
        if !self.host_allowed(host) {
            return Access::Forbidden("serve-why-host");
        }
        if let Some(origin) = request.header("origin") {
            let ok = origin
                .strip_prefix("http://")
                .is_some_and(|o| self.host_allowed(o) && o.to_ascii_lowercase().ends_with(&format!(":{}", self.port)));
            if !ok {
                return Access::Forbidden("serve-why-cross-site");
            }
        }
        if request.header("sec-fetch-site").is_some_and(|s| s.eq_ignore_ascii_case("cross-site")) {
            return Access::Forbidden("serve-why-cross-site");
        }
        let by_cookie = request
            .header("cookie")
            .is_some_and(|c| cookie_value(c, &cookie_name(self.port)).is_some_and(|v| same(v, &self.token)));
        let by_query = request.param("token").is_some_and(|t| same(t, &self.token));
        if by_query && !by_cookie && request.method == "GET" && !request.path.starts_with("/api/") {
            // the workspace's one page, without the token in the address bar (and never
            // another address: the path is not echoed)
            return Access::Enter("/".to_string());
        }
        if by_cookie || by_query { Access::Allowed } else { Access::Forbidden("serve-why-no-token") }
    }

    /// Whether `host` (`name:port` as in a Host header) is this server.
    fn host_allowed(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let Some((name, port)) = host.rsplit_once(':') else { return false };
        port == self.port.to_string() && self.hosts.iter().any(|h| h.eq_ignore_ascii_case(name))
    }

    /// The cookie that lets the browser in.
    pub fn cookie(&self) -> String {
        format!("{}={}; Path=/; HttpOnly; SameSite=Strict", cookie_name(self.port), self.token)
    }
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').filter_map(|p| p.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// Reads a tiny_http request's target (refused when too long or holding `..`) and headers; the
/// body is read after the guard ([`read_body`]). `Err` is the answer to give at once.
pub fn read_head(request: &tiny_http::Request) -> Result<Request, Reply> {
    let url = request.url().to_string();
    if url.len() > MAX_URL_BYTES {
        return Err(Reply::error(414, &crate::t!("serve-uri-too-long")));
    }
    let (raw_path, raw_query) = url.split_once('?').unwrap_or((url.as_str(), ""));
    let path = decode(raw_path);
    if path.split('/').any(|s| s == "..") || path.contains('\\') || path.contains('\0') || !path.starts_with('/') {
        return Err(Reply::error(404, &crate::t!("serve-no-such-page")));
    }
    let query = raw_query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_string()))
        .collect();
    Ok(Request { method: request.method().as_str().to_ascii_uppercase(), path, query, headers, body: Vec::new() })
}

/// Reads a request's body, at most `limit` bytes (refused before reading when it says it is
/// larger). Called once the guard has let the request in.
pub fn read_body(request: &mut tiny_http::Request, limit: u64) -> Result<Vec<u8>, Reply> {
    let too_large = || Reply::error(413, &crate::t!("serve-body-too-large"));
    if request.body_length().unwrap_or(0) as u64 > limit {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|_| Reply::error(400, &crate::t!("serve-body-unreadable")))?;
    if body.len() as u64 > limit { Err(too_large()) } else { Ok(body) }
}

/// The headers every answer carries.
pub fn security_headers(svg: bool) -> Vec<(&'static str, &'static str)> {
    let csp = if svg {
        // a page's SVG draws itself: no script, its own styles, its images inline
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
    } else {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    };
    vec![
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]
}

/// Sends `reply` to `request` with the security headers.
pub fn respond(request: tiny_http::Request, reply: Reply) {
    let svg = reply.content_type.starts_with("image/svg");
    let length = reply.body.len();
    let mut response = tiny_http::Response::new(
        tiny_http::StatusCode(reply.status),
        Vec::new(),
        std::io::Cursor::new(reply.body),
        Some(length),
        None,
    );
    let mut add = |name: &str, value: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    };
    add("Content-Type", reply.content_type);
    for (name, value) in security_headers(svg) {
        add(name, value);
    }
    if !reply.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("cache-control")) {
        add("Cache-Control", "no-store");
    }
    for (name, value) in &reply.headers {
        add(name, value);
    }
    // the browser may have gone (a page closed mid-answer): nothing to do
    let _ = request.respond(response);
}

/// Percent-decoding (`+` is a space in queries).
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Percent-encoding of everything but unreserved characters.
    fn encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                b => format!("%{b:02X}"),
            })
            .collect()
    }

    fn guard() -> Guard {
        Guard { token: "abc123".into(), port: 8000, hosts: vec!["127.0.0.1".into(), "localhost".into()] }
    }

    fn request(path: &str, query: &[(&str, &str)], headers: &[(&str, &str)]) -> Request {
        Request {
            method: "GET".into(),
            path: path.into(),
            query: query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            body: Vec::new(),
        }
    }

    #[test]
    fn the_token_is_needed_by_query_or_cookie_and_the_first_visit_hides_it() {
        let g = guard();
        let host = ("host", "127.0.0.1:8000");
        assert_eq!(g.check(&request("/api/status", &[], &[host])), Access::Forbidden("serve-why-no-token"));
        assert!(matches!(g.check(&request("/api/status", &[("token", "abc124")], &[host])), Access::Forbidden(_)));
        assert_eq!(g.check(&request("/api/status", &[("token", "abc123")], &[host])), Access::Allowed);
        assert_eq!(g.check(&request("/", &[("token", "abc123")], &[host])), Access::Enter("/".into()));
        assert_eq!(g.check(&request("/", &[], &[host, ("cookie", "a=b; baocao-8000=abc123")])), Access::Allowed);
        assert!(matches!(g.check(&request("/", &[], &[host, ("cookie", "baocao-8001=abc123")])), Access::Forbidden(_)));
    }

    #[test]
    fn a_foreign_host_or_origin_is_refused() {
        let g = guard();
        let token = [("token", "abc123")];
        for host in ["evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "localhost.evil.example:8000"] {
            assert!(matches!(g.check(&request("/api/x", &token, &[("host", host)])), Access::Forbidden(_)), "{host}");
        }
        assert_eq!(g.check(&request("/api/x", &token, &[("host", "LOCALHOST:8000")])), Access::Allowed);
        for origin in ["http://evil.example", "null", "https://127.0.0.1:8000", "http://127.0.0.1:9999"] {
            let headers = [("host", "127.0.0.1:8000"), ("origin", origin)];
            assert!(matches!(g.check(&request("/api/x", &token, &headers)), Access::Forbidden(_)), "{origin}");
        }
        let headers = [("host", "127.0.0.1:8000"), ("origin", "http://localhost:8000")];
        assert_eq!(g.check(&request("/api/x", &token, &headers)), Access::Allowed);
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 48);
        assert_ne!(a, b);
    }

    #[test]
    fn percent_decoding_round_trips_vietnamese() {
        assert_eq!(decode(&encode("Hà Nội/../x?&=")), "Hà Nội/../x?&=");
        assert_eq!(decode("a+b%2"), "a b%2");
    }
}
