//! The workspace's routes: the page and its assets, and the JSON API the page calls.
//!
//! | route | |
//! |---|---|
//! | `GET /` | the workspace (HTML, in the run's language: [`super::ui`]); `/app.css`, `/app.js`, `/edit.js`, `/compare.js` its assets |
//! | `GET /api/status` | generation, build errors, time, the pages (size, digest, fact boxes) |
//! | `GET /api/events` | server-sent events: `build` with the generation after each build |
//! | `GET /api/page?n=N` | page N as SVG |
//! | `GET /api/hit?page=N&x=X&y=Y` | what is printed at (X, Y) points of page N: a fact, or a section line |
//! | `GET /api/facts` | every fact, where defined, every place printed; the facts files' versions |
//! | `POST /api/fact` | `{key, field, value, version}`: one field of a fact changed on its line |
//! | `GET /api/files` | the content files (sections with their first heading) |
//! | `GET /api/file?path=P` | a content file: text, version; a section's `{{ … }}` and notes |
//! | `POST /api/file` | `{path, text, version}`: save (409 when the file changed meanwhile) |
//! | `GET /api/findings` | check's findings, new and known, each with its page and box |
//! | `GET /api/versions` | versions to compare: the project, git revisions, PDFs, folders |
//! | `POST /api/upload?name=N` | a PDF (the body) kept in `build-output/so-sanh/` to compare |
//! | `GET /api/compare?old=A&new=B` | `diff`'s JSON report; `/api/compare/redline` the redline PDF, `/api/compare/json` the report to download |
//! | `GET /report.pdf` | the PDF of the current build |

use serde_json::{Value, json};

use super::edit::{self, Field, Refusal};
use super::pages::{self, Target};
use super::server::{Reply, Request};
use super::workspace::{Build, Trigger};
use super::{Serve, compare};
use crate::check::JsonFinding;
use crate::diagnostics::slash_path;

const INDEX: &str = include_str!("assets/index.html");
const CSS: &str = include_str!("assets/app.css");
const APP_JS: &str = include_str!("assets/app.js");
const EDIT_JS: &str = include_str!("assets/edit.js");
const COMPARE_JS: &str = include_str!("assets/compare.js");

/// Answers one request (the guard has let it in).
pub fn route(serve: &Serve, req: &Request) -> Reply {
    let get = req.method == "GET" || req.method == "HEAD";
    match (get, req.path.as_str()) {
        (true, "/") => Reply::bytes("text/html; charset=utf-8", super::ui::page(INDEX).into_bytes()),
        (true, "/app.css") => Reply::bytes("text/css; charset=utf-8", CSS.into()),
        (true, "/app.js") => Reply::bytes("text/javascript; charset=utf-8", APP_JS.into()),
        (true, "/edit.js") => Reply::bytes("text/javascript; charset=utf-8", EDIT_JS.into()),
        (true, "/compare.js") => Reply::bytes("text/javascript; charset=utf-8", COMPARE_JS.into()),
        (true, "/api/status") => status(serve),
        (true, "/api/page") => with_build(serve, |b| page(serve, b, req)),
        (true, "/api/hit") => with_build(serve, |b| hit(b, req)),
        (true, "/api/facts") => with_build(serve, facts),
        (true, "/api/files") => files(serve),
        (true, "/api/file") => file(serve, req),
        (true, "/api/findings") => with_build(serve, findings),
        (true, "/api/versions") => Reply::json(200, &json!(compare::suggestions(&serve.workspace.root))),
        (true, "/api/compare") => comparison(serve, req, Download::None),
        (true, "/api/compare/json") => comparison(serve, req, Download::Json),
        (true, "/api/compare/redline") => comparison(serve, req, Download::Redline),
        (true, "/report.pdf") => with_build(serve, |b| {
            Reply::bytes("application/pdf", b.pdf.clone())
                .with("Content-Disposition", "inline; filename=\"report.pdf\"")
        }),
        (false, "/api/fact") if req.method == "POST" => set_fact(serve, req),
        (false, "/api/file") if req.method == "POST" => save_file(serve, req),
        (false, "/api/upload") if req.method == "POST" => upload(serve, req),
        (false, _) if req.method != "POST" => Reply::error(405, &crate::t!("serve-method-not-allowed")),
        _ => Reply::error(404, &crate::t!("serve-no-such-page")),
    }
}

fn with_build(serve: &Serve, f: impl FnOnce(&Build) -> Reply) -> Reply {
    match serve.workspace.build() {
        Some(b) => f(&b),
        None => Reply::error(503, &crate::t!("serve-not-built")),
    }
}

fn finding(d: &crate::diagnostics::Diagnostic) -> Value {
    serde_json::to_value(JsonFinding::from(d)).unwrap_or_default()
}

fn status(serve: &Serve) -> Reply {
    let state = serve.workspace.state();
    let pages: Vec<Value> = state.build.as_ref().map_or_else(Vec::new, |b| {
        b.pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let facts: Vec<Value> = p
                    .boxes
                    .iter()
                    .filter_map(|hb| match hb.target {
                        Target::Fact { id } => {
                            let u = b.narrative.document.facts.get(id)?;
                            Some(json!({ "id": id, "key": u.keys.first(), "text": u.printed, "rect": hb.rect }))
                        }
                        Target::Text { .. } => None,
                    })
                    .collect();
                json!({ "n": i + 1, "digest": format!("{:032x}", p.digest), "width": p.size.0, "height": p.size.1, "facts": facts })
            })
            .collect()
    });
    let build = state.build.as_ref();
    Reply::json(
        200,
        &json!({
            "generation": state.generation,
            "ok": state.errors.is_empty(),
            "errors": state.errors.iter().map(finding).collect::<Vec<_>>(),
            "millis": state.millis as u64,
            "cause": state.cause,
            "title": build.map(|b| b.project.report.title()),
            "warnings": build.map_or(0, |b| b.check.findings.len()),
            // every `{{ … }}` printed: each has a box on its page
            "uses": build.map_or(0, |b| b.narrative.document.facts.len()),
            "pages": pages,
        }),
    )
}

fn number(req: &Request, name: &str) -> Option<f64> {
    req.param(name)?.parse().ok().filter(|x: &f64| x.is_finite())
}

fn page(serve: &Serve, build: &Build, req: &Request) -> Reply {
    let Some(n) = number(req, "n").map(|n| n as usize).filter(|n| *n >= 1) else {
        return Reply::error(404, &crate::t!("serve-no-such-page"));
    };
    match serve.workspace.svg(build, n - 1) {
        // the address names the page's digest: a page that did not change is taken from the cache
        Some(svg) => {
            Reply::bytes("image/svg+xml", svg.as_bytes().to_vec()).with("Cache-Control", "private, max-age=86400")
        }
        None => Reply::error(404, &crate::t!("serve-no-such-page")),
    }
}

/// A fact use's facts and where the use is written, for the page's pop-up.
fn fact_json(build: &Build, key: &str) -> Option<Value> {
    let indexed = build.index.facts.iter().find(|f| f.fact.key == key)?;
    let mut value = serde_json::to_value(indexed).ok()?;
    let file = build.project.inputs.iter().find(|i| slash_path(&i.path) == indexed.defined.path);
    value["version"] = json!(file.map(|f| edit::version(&f.bytes)));
    Some(value)
}

fn hit(build: &Build, req: &Request) -> Reply {
    let (Some(n), Some(x), Some(y)) = (number(req, "page"), number(req, "x"), number(req, "y")) else {
        return Reply::error(400, &crate::t!("serve-missing-page-or-point"));
    };
    let Some(page) = build.pages.get((n as usize).wrapping_sub(1)) else {
        return Reply::error(404, &crate::t!("serve-no-such-page"));
    };
    match pages::hit(&page.boxes, x, y).map(|b| b.target) {
        Some(Target::Fact { id }) => {
            let use_ = &build.narrative.document.facts[id];
            let section = build.narrative.document.sections.get(use_.section).map(|s| slash_path(&s.source.path));
            let facts: Vec<Value> = use_.keys.iter().filter_map(|k| fact_json(build, k)).collect();
            Reply::json(
                200,
                &json!({ "kind": "fact", "use": { "id": id, "expression": use_.expression, "printed": use_.printed,
                    "path": section, "line": use_.line }, "facts": facts }),
            )
        }
        Some(Target::Text { section, line, .. }) => {
            let path = build.narrative.document.sections.get(section).map(|s| slash_path(&s.source.path));
            Reply::json(200, &json!({ "kind": "text", "path": path, "line": line }))
        }
        None => Reply::json(200, &json!({ "kind": "none" })),
    }
}

fn facts(build: &Build) -> Reply {
    let files: serde_json::Map<String, Value> = build
        .project
        .inputs
        .iter()
        .filter(|i| slash_path(&i.path).starts_with("content/facts/"))
        .map(|i| (slash_path(&i.path), json!(edit::version(&i.bytes))))
        .collect();
    Reply::json(200, &json!({ "facts": build.index.facts, "versions": files }))
}

/// The content files on disk (so that a project whose build fails can still be edited), each
/// section with its first heading when the last good build has it.
fn files(serve: &Serve) -> Reply {
    let root = &serve.workspace.root;
    let list = |dir: &str, extension: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(extension) && !n.starts_with('.'))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        names
    };
    let build = serve.workspace.build();
    let heading = |path: &str| -> Option<String> {
        let section =
            build.as_ref()?.narrative.document.sections.iter().find(|s| slash_path(&s.source.path) == path)?;
        section.blocks.iter().find_map(|b| match &b.kind {
            crate::document::BlockKind::Heading { .. } => {
                Some(clean_heading(&section.source.rendered[b.range.clone()]))
            }
            _ => None,
        })
    };
    let sections: Vec<Value> =
        list("content/sections", ".md").into_iter().map(|p| json!({ "heading": heading(&p), "path": p })).collect();
    Reply::json(200, &json!({ "sections": sections, "facts": list("content/facts", ".yaml") }))
}

/// `## II. KINH TẾ` → `II. KINH TẾ` (without private-use marks of printed facts).
fn clean_heading(h: &str) -> String {
    let text: String = h.chars().filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c)).collect();
    text.trim_start_matches('#').trim().chars().take(80).collect()
}

fn refusal(r: Refusal) -> Reply {
    match r {
        Refusal::NotFound => Reply::error(404, &crate::t!("serve-no-such-file")),
        Refusal::Stale => Reply::error(409, &crate::t!("serve-stale")),
        Refusal::Invalid(details) => {
            Reply::json(422, &json!({ "error": crate::t!("serve-invalid"), "details": details }))
        }
    }
}

/// UTF-16 index of byte `at` in `text` (what a browser's text field counts).
fn utf16(text: &str, at: usize) -> usize {
    text[..crate::diagnostics::floor_char_boundary(text, at.min(text.len()))].encode_utf16().count()
}

fn file(serve: &Serve, req: &Request) -> Reply {
    let rel = req.param("path").unwrap_or("");
    let path = match edit::content_file(&serve.workspace.root, rel) {
        Ok(p) => p,
        Err(r) => return refusal(r),
    };
    let Ok(bytes) = std::fs::read(&path) else { return refusal(Refusal::NotFound) };
    let version = edit::version(&bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut out = json!({ "path": rel, "text": text, "version": version, "expressions": [], "notes": [] });
    let Some(build) = serve.workspace.build() else { return Reply::json(200, &out) };
    let doc = &build.narrative.document;
    let Some(index) = doc.sections.iter().position(|s| slash_path(&s.source.path) == rel) else {
        return Reply::json(200, &out);
    };
    // the expressions and notes are those of the last build: of this very text when the build
    // read these bytes
    let built = build.project.inputs.iter().find(|i| slash_path(&i.path) == rel).map(|i| edit::version(&i.bytes));
    let source = &doc.sections[index].source.source;
    let expressions: Vec<Value> = doc
        .facts
        .iter()
        .filter(|u| u.section == index)
        .map(|u| {
            json!({ "line": u.line, "start": utf16(source, u.source.start), "end": utf16(source, u.source.end),
                "expression": u.expression, "printed": u.printed, "keys": u.keys })
        })
        .collect();
    let notes: Vec<Value> = doc
        .notes
        .iter()
        .filter(|n| n.section == index)
        .map(|n| {
            let loc = doc.sections[index].source.location(n.offset..n.offset);
            json!({ "label": n.label, "number": n.number, "line": loc.line, "text": loc.line_text })
        })
        .collect();
    out["expressions"] = json!(expressions);
    out["notes"] = json!(notes);
    out["built_version"] = json!(built);
    Reply::json(200, &out)
}

fn body(req: &Request) -> Result<Value, Reply> {
    serde_json::from_slice(&req.body).map_err(|_| Reply::error(400, &crate::t!("serve-bad-json")))
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a str, Reply> {
    v.get(name).and_then(Value::as_str).ok_or_else(|| Reply::error(400, &crate::t!("serve-missing-field", name = name)))
}

fn save_file(serve: &Serve, req: &Request) -> Reply {
    let run = || -> Result<Reply, Reply> {
        let v = body(req)?;
        let (rel, text, version) = (field(&v, "path")?, field(&v, "text")?, field(&v, "version")?);
        let path = edit::content_file(&serve.workspace.root, rel).map_err(refusal)?;
        let _saving = serve.workspace.saving.lock().unwrap_or_else(|p| p.into_inner());
        let new_version = edit::save(&path, version, text).map_err(refusal)?;
        serve.workspace.trigger(Trigger::Saved(rel.to_string()));
        Ok(Reply::json(200, &json!({ "version": new_version })))
    };
    run().unwrap_or_else(|r| r)
}

fn set_fact(serve: &Serve, req: &Request) -> Reply {
    let run = || -> Result<Reply, Reply> {
        let v = body(req)?;
        let (key, name, value, version) =
            (field(&v, "key")?, field(&v, "field")?, field(&v, "value")?, field(&v, "version")?);
        let field = Field::parse(name).ok_or_else(|| Reply::error(400, &crate::t!("serve-bad-field")))?;
        let build = serve.workspace.build().ok_or_else(|| Reply::error(503, &crate::t!("serve-not-built-yet")))?;
        let fact =
            build.project.facts.by_key.get(key).ok_or_else(|| Reply::error(404, &crate::t!("serve-no-such-fact")))?;
        let rel = slash_path(&fact.location.path);
        let name = key.split_once('.').map_or(key, |(_, n)| n);
        let path = edit::content_file(&serve.workspace.root, &rel).map_err(refusal)?;
        let _saving = serve.workspace.saving.lock().unwrap_or_else(|p| p.into_inner());
        let bytes = std::fs::read(&path).map_err(|_| refusal(Refusal::NotFound))?;
        if edit::version(&bytes) != version {
            return Err(refusal(Refusal::Stale));
        }
        let text = String::from_utf8(bytes).map_err(|_| Reply::error(422, &crate::t!("serve-not-utf8")))?;
        let edited = edit::set_field(&text, name, field, value).map_err(refusal)?;
        let warnings =
            edit::check_with(&serve.workspace.root, &rel, &edited).map_err(|e| refusal(Refusal::Invalid(e)))?;
        let new_version = edit::save(&path, version, &edited).map_err(refusal)?;
        serve.workspace.trigger(Trigger::Saved(rel.clone()));
        let warnings: Vec<Value> = warnings.iter().map(finding).collect();
        Ok(Reply::json(200, &json!({ "version": new_version, "path": rel, "warnings": warnings })))
    };
    run().unwrap_or_else(|r| r)
}

fn findings(build: &Build) -> Reply {
    let doc = &build.narrative.document;
    let place = |d: &crate::diagnostics::Diagnostic, known: bool| {
        let mut v = finding(d);
        v["known"] = json!(known);
        if let Some(loc) = &d.location
            && let Some(index) = doc.sections.iter().position(|s| s.source.path == loc.path)
        {
            let map = &doc.sections[index].source;
            let start = map.source.split_inclusive('\n').take(loc.line - 1).map(str::len).sum::<usize>();
            let column: usize =
                map.source[start..].chars().take(loc.column.saturating_sub(1)).map(char::len_utf8).sum();
            if let Some((page, b)) = pages::locate(&build.pages, index, map.rendered_offset(start + column)) {
                v["page"] = json!(page);
                v["rect"] = json!(b.rect);
            }
        }
        v
    };
    let new: Vec<Value> = build.check.findings.iter().map(|d| place(d, false)).collect();
    let known: Vec<Value> = build.check.baselined.iter().map(|d| place(d, true)).collect();
    Reply::json(200, &json!({ "summary": build.check.summary(), "findings": new, "baselined": known }))
}

enum Download {
    None,
    Json,
    Redline,
}

fn comparison(serve: &Serve, req: &Request, download: Download) -> Reply {
    let (old, new) = (req.param("old").unwrap_or(""), req.param("new").unwrap_or(""));
    let generation = serve.workspace.state().generation;
    let compared = match serve.compared.get(&serve.workspace.root, old, new, generation) {
        Ok(c) => c,
        Err(failure) => {
            let details: Vec<String> = failure.diagnostics.iter().map(|d| d.message.clone()).collect();
            let help: Vec<String> = failure.diagnostics.iter().filter_map(|d| d.help.clone()).collect();
            return Reply::json(
                422,
                &json!({ "error": crate::t!("serve-compare-failed"), "details": details, "help": help }),
            );
        }
    };
    match download {
        Download::None => Reply::json(200, &compared.json),
        Download::Json => {
            let mut body = serde_json::to_vec_pretty(&compared.json).unwrap_or_default();
            body.push(b'\n');
            let name = compare::file_name(old, new, "json");
            Reply::bytes("application/json; charset=utf-8", body)
                .with("Content-Disposition", &format!("attachment; filename=\"{name}\""))
        }
        Download::Redline => match compared.redline() {
            Some(Ok(pdf)) => {
                let name = compare::file_name(old, new, "pdf");
                Reply::bytes("application/pdf", pdf)
                    .with("Content-Disposition", &format!("attachment; filename=\"{name}\""))
            }
            Some(Err(failure)) => Reply::json(
                422,
                &json!({ "error": crate::t!("serve-redline-failed"),
                    "details": failure.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>() }),
            ),
            None => Reply::error(422, &crate::t!("serve-redline-no-sources")),
        },
    }
}

/// A PDF sent from the browser to compare: kept in the project's `build-output/so-sanh/` (where
/// builds write; not a source), under its name made safe; answers the version to compare.
fn upload(serve: &Serve, req: &Request) -> Reply {
    if !req.body.starts_with(b"%PDF-") {
        return Reply::error(422, &crate::t!("serve-upload-not-pdf"));
    }
    let name = compare::upload_name(req.param("name").unwrap_or("ban-cu.pdf"));
    let rel = format!("build-output/so-sanh/{name}");
    match crate::output::write_atomic(&serve.workspace.root.join(&rel), &req.body) {
        Ok(()) => Reply::json(200, &json!({ "value": rel })),
        Err(f) => Reply::json(
            422,
            &json!({ "error": crate::t!("serve-upload-failed"), "details": f.diagnostics.iter().map(|d| d.message.clone()).collect::<Vec<_>>() }),
        ),
    }
}
