//! `baocao serve`: the workspace in the browser, for office staff and auditors.
//!
//! A local web server (127.0.0.1, a secret token in the URL) that shows the report's pages as
//! they are built, the facts with every place they are printed, check's findings and `diff`'s
//! comparisons, and edits facts and sections. Everything it shows is in the binary
//! (`src/serve/assets/`: HTML, CSS, JavaScript; no internet, no build step).
//!
//! The modules, one job each:
//!
//! - [`server`]: HTTP, the token, Host and Origin checks, size limits, security headers;
//! - [`routes`]: the page, its assets and the JSON API;
//! - [`workspace`]: the current build, rebuilt on every save (`watch`'s file watching and kept
//!   typst world);
//! - [`pages`]: the pages as SVG, and where each printed word and figure came from;
//! - [`edit`]: which files may be edited, a fact's field changed on its line, stale saves refused;
//! - [`compare`]: two versions compared, as `diff` does.

pub mod compare;
pub mod edit;
pub mod pages;
pub mod routes;
pub mod server;
pub mod ui;
pub mod workspace;

use std::io::Write as _;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::console::Console;
use crate::diagnostics::{Diagnostic, Failure};
use crate::limits::{MAX_EVENT_STREAMS, MAX_REQUEST_BYTES, MAX_REQUESTS_AT_ONCE, MAX_UPLOAD_BYTES};
use server::{Access, Guard, Reply};
use workspace::{Trigger, Workspace};

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project folder.
    pub project: PathBuf,
    /// The address to listen on (127.0.0.1 unless `--host`).
    pub host: IpAddr,
    /// The port; `None`: the first free one from [`DEFAULT_PORT`].
    pub port: Option<u16>,
    /// Open the default browser at the workspace's address.
    pub open: bool,
    /// Quiet time after the last file event before rebuilding.
    pub debounce: Duration,
}

/// The port tried first (then the next 10, then any free one).
pub const DEFAULT_PORT: u16 = 8640;

/// What the routes share.
pub struct Serve {
    /// The builds.
    pub workspace: Arc<Workspace>,
    /// The last comparison.
    pub compared: compare::Kept,
    guard: Guard,
    streams: AtomicUsize,
}

/// Serves the workspace until the process is stopped (Ctrl-C). Returns only when it cannot
/// start (not a project, the port taken).
pub fn serve(options: &ServeOptions, console: &Console) -> Result<(), Failure> {
    let root = options.project.as_path();
    let usage = |message: String, help: &str| Failure::usage(Diagnostic::error(message).help(help));
    if options.host.is_unspecified() {
        // every address of the machine: the Host header could not be checked against one name
        return Err(usage(
            crate::t!("serve-every-address", host = options.host.to_string()),
            &crate::t!("serve-every-address-help"),
        ));
    }
    let (pdf, _) = crate::build::output_paths(root, None);
    let mut changes = crate::watch::Changes::new(root, &[pdf.clone(), pdf.with_extension("typ")], options.debounce)?;
    let token = server::new_token()
        .map_err(|e| usage(crate::t!("serve-no-token", error = e.to_string()), &crate::t!("serve-try-again")))?;
    let listener = bind(options.host, options.port).map_err(|e| {
        usage(
            crate::t!(
                "serve-cannot-listen",
                host = options.host.to_string(),
                port = options.port.unwrap_or(DEFAULT_PORT).to_string(),
                error = e
            ),
            &crate::t!("serve-cannot-listen-help"),
        )
    })?;
    let port = listener.server_addr().to_ip().map_or(0, |a| a.port());
    let mut hosts: Vec<String> = vec!["127.0.0.1".into(), "localhost".into(), "[::1]".into()];
    let shown_host = match options.host {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    if !hosts.contains(&shown_host) {
        hosts.push(shown_host.clone());
    }
    if !options.host.is_loopback() {
        console.status(&crate::t!("serve-label-warning"), &crate::t!("serve-public", host = &shown_host));
    }
    let url_host = if options.host.is_loopback() { "127.0.0.1".to_string() } else { shown_host };
    let url = format!("http://{url_host}:{port}/?token={token}");

    let (workspace, triggers) = Workspace::new(root);
    let serve = Arc::new(Serve {
        workspace: workspace.clone(),
        compared: compare::Kept::default(),
        guard: Guard { token, port, hosts },
        streams: AtomicUsize::new(0),
    });
    {
        let workspace = workspace.clone();
        std::thread::spawn(move || {
            while let Some(batch) = changes.wait() {
                if !batch.changed.is_empty() {
                    workspace.trigger(Trigger::Files(batch.changed));
                }
            }
        });
    }
    {
        let workspace = workspace.clone();
        let console = *console;
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            workspace::builder(workspace, triggers, |state| report_build(&console, &root, state));
        });
    }

    console.status(&crate::t!("serve-label-serving"), &crate::t!("serve-serving", path = root.display().to_string()));
    // the address on standard output, alone on its line, for people and scripts alike
    println!("{url}");
    let _ = std::io::stdout().flush();
    if options.open {
        open_browser(&url, console);
    }
    let in_flight = Arc::new(AtomicUsize::new(0));
    for request in listener.incoming_requests() {
        if in_flight.load(Ordering::SeqCst) >= MAX_REQUESTS_AT_ONCE {
            server::respond(request, Reply::error(503, &crate::t!("serve-busy")));
            continue;
        }
        in_flight.fetch_add(1, Ordering::SeqCst);
        let (serve, in_flight) = (serve.clone(), in_flight.clone());
        std::thread::spawn(move || {
            handle(&serve, request);
            in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }
    workspace.trigger(Trigger::Stop);
    Ok(())
}

/// The first port that can be had: `port`, or from [`DEFAULT_PORT`] on, or any.
fn bind(host: IpAddr, port: Option<u16>) -> Result<tiny_http::Server, String> {
    let try_port = |p: u16| tiny_http::Server::http((host, p)).map_err(|e| e.to_string());
    match port {
        Some(p) => try_port(p),
        None => (DEFAULT_PORT..DEFAULT_PORT + 10).find_map(|p| try_port(p).ok()).map_or_else(|| try_port(0), Ok),
    }
}

fn handle(serve: &Serve, mut request: tiny_http::Request) {
    let mut req = match server::read_head(&request) {
        Ok(r) => r,
        Err(reply) => return server::respond(request, reply),
    };
    if serve.guard.check(&req) == Access::Allowed && req.method != "GET" && req.method != "HEAD" {
        let limit = if req.path == "/api/upload" { MAX_UPLOAD_BYTES } else { MAX_REQUEST_BYTES };
        match server::read_body(&mut request, limit) {
            Ok(body) => req.body = body,
            Err(reply) => return server::respond(request, reply),
        }
    }
    match serve.guard.check(&req) {
        Access::Forbidden(why) => {
            let message = crate::t!("serve-forbidden", why = crate::i18n::text(why, &[]));
            server::respond(request, Reply::error(403, &message));
        }
        Access::Enter(to) => {
            let reply =
                Reply { status: 303, content_type: "text/plain; charset=utf-8", body: Vec::new(), headers: Vec::new() }
                    .with("Location", &to)
                    .with("Set-Cookie", &serve.guard.cookie());
            server::respond(request, reply);
        }
        Access::Allowed if req.path == "/api/events" && req.method == "GET" => events(serve, request),
        Access::Allowed => {
            let reply = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| routes::route(serve, &req)))
                .unwrap_or_else(|_| Reply::error(500, &crate::t!("serve-internal-error")));
            server::respond(request, reply);
        }
    }
}

/// Server-sent events: the generation now, then after every build; a comment every 15 s keeps
/// the connection (and finds it closed).
fn events(serve: &Serve, request: tiny_http::Request) {
    if serve.streams.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_STREAMS {
        serve.streams.fetch_sub(1, Ordering::SeqCst);
        return server::respond(request, Reply::error(503, &crate::t!("serve-too-many-windows")));
    }
    let mut out = request.into_writer();
    let mut head = String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n");
    for (name, value) in server::security_headers(false) {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut seen = serve.workspace.state().generation;
    let mut message = format!("{head}retry: 1000\nevent: build\ndata: {seen}\n\n");
    loop {
        if out.write_all(message.as_bytes()).and_then(|()| out.flush()).is_err() {
            break;
        }
        let now = serve.workspace.wait_past(seen, Duration::from_secs(15));
        message = if now > seen { format!("event: build\ndata: {now}\n\n") } else { ": ping\n\n".to_string() };
        seen = now;
    }
    serve.streams.fetch_sub(1, Ordering::SeqCst);
}

/// One line per build, as `watch` prints them.
fn report_build(console: &Console, root: &Path, state: &workspace::State) {
    let clock = chrono::Local::now().format("%H:%M:%S");
    let because = match state.cause.as_slice() {
        [] => String::new(),
        [one] => format!(" ({one})"),
        [one, rest @ ..] => format!(" ({})", crate::t!("serve-cause-more", first = one.as_str(), n = rest.len())),
    };
    if state.errors.is_empty() {
        let pages = state.build.as_ref().map_or(0, |b| b.pages.len());
        console.status(
            &format!("[{clock}] {}", crate::t!("serve-label-built")),
            &format!("{}{because}", crate::t!("serve-built", millis = state.millis as u64, pages = pages)),
        );
    } else {
        let errors = console.failure(&state.errors, root);
        console.error(&format!(
            "[{clock}] {}{because}",
            crate::t!("serve-build-failed", millis = state.millis as u64, errors = errors)
        ));
    }
}

/// Opens the default browser (xdg-open, open, or start).
fn open_browser(url: &str, console: &Console) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // reaped when it ends (xdg-open returns at once)
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => console.status(&crate::t!("serve-label-note"), &crate::t!("serve-no-browser", error = e.to_string())),
    }
}
