//! `baocao verify` on hostile PDFs, each made at run time from a real build of the mini project
//! with real tools: qpdf (`--encrypt`, `--add-attachment`, `--remove-attachment`, `--replace`;
//! `apt-get install -y qpdf`, as .ci/run does) and lopdf (name trees qpdf will not write). Truncated
//! and random files, encrypted PDFs, attachments missing, renamed, added, too large, too many, not
//! UTF-8, and manifests that lie. Each ends with exit 1 and a message naming the PDF and saying
//! what is wrong; none panics, hangs, or writes outside its temporary folder.

#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use baocao::limits::{MAX_PDF_ATTACHED_BYTES, MAX_PDF_ATTACHMENT_BYTES, MAX_PDF_ATTACHMENTS, MAX_PDF_BYTES};
use common::{baocao_within, mini_project};
use lopdf::{Document, Object, Stream, dictionary};
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(120);

/// The mini project, built: (its folder, the PDF).
fn built() -> (tempfile::TempDir, PathBuf) {
    let dir = mini_project();
    let out = common::baocao(&["build", "--project", dir.path().to_str().unwrap(), "-q"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = dir.path().join("build-output/report.pdf");
    (dir, pdf)
}

/// Runs qpdf; a warning (exit 3) is fine.
fn qpdf(args: &[&str]) {
    let out = Command::new("qpdf")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("qpdf is needed to make the hostile PDFs (apt-get install -y qpdf): {e}"));
    assert!(matches!(out.status.code(), Some(0 | 3)), "qpdf {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// `baocao verify PDF --project DIR`: (exit code, stdout and stderr). No crash, no hang.
fn verify(pdf: &Path, project: &Path) -> (Option<i32>, String) {
    let out = baocao_within(&["verify", pdf.to_str().unwrap(), "--project", project.to_str().unwrap()], LIMIT);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(!text.contains("internal error") && !text.contains("panicked"), "verify crashed:\n{text}");
    (out.status.code(), text)
}

/// Verify refuses `pdf` (exit 1), names it, and says `says`.
fn refused(pdf: &Path, project: &Path, says: &[&str]) -> String {
    let (code, text) = verify(pdf, project);
    assert_eq!(code, Some(1), "{text}");
    let name = pdf.file_name().unwrap().to_str().unwrap();
    assert!(text.contains(&format!("`{}`", pdf.display())) && text.contains(name), "the PDF is not named:\n{text}");
    for s in says {
        assert!(text.contains(s), "expected `{s}` in:\n{text}");
    }
    text
}

/// The manifest of a built PDF, as JSON.
fn manifest(pdf: &Path) -> Value {
    let out = Command::new("qpdf").arg("--show-attachment=manifest.json").arg(pdf).output().expect("qpdf");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `pdf` with its manifest.json replaced by `bytes`, written to `out`.
fn with_manifest(pdf: &Path, bytes: &[u8], out: &Path) {
    let file = out.with_extension("json");
    std::fs::write(&file, bytes).unwrap();
    qpdf(&[
        pdf.to_str().unwrap(),
        "--add-attachment",
        file.to_str().unwrap(),
        "--key=manifest.json",
        "--filename=manifest.json",
        "--replace",
        "--",
        out.to_str().unwrap(),
    ]);
}

/// `pdf` edited with lopdf: `edit` gets the document and the name tree of attached files (moved
/// into an object of its own: typst writes it inside the catalog).
fn edited(pdf: &Path, out: &Path, edit: impl FnOnce(&mut Document, lopdf::ObjectId)) {
    let mut doc = Document::load(pdf).unwrap();
    let tree = doc.catalog().unwrap().get(b"Names").unwrap().as_dict().unwrap().get(b"EmbeddedFiles").unwrap().clone();
    let tree = match tree {
        Object::Reference(id) => id,
        Object::Dictionary(d) => {
            let id = doc.add_object(d);
            let names = doc.catalog_mut().unwrap().get_mut(b"Names").unwrap().as_dict_mut().unwrap();
            names.set("EmbeddedFiles", id);
            id
        }
        other => panic!("EmbeddedFiles is {other:?}"),
    };
    edit(&mut doc, tree);
    doc.save(out).unwrap();
}

#[test]
fn the_unaltered_build_verifies() {
    let (dir, pdf) = built();
    let (code, text) = verify(&pdf, dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("verified:"), "{text}");
}

#[test]
fn truncated_empty_and_random_files_are_not_readable_pdfs() {
    let (dir, pdf) = built();
    let bytes = std::fs::read(&pdf).unwrap();
    for (name, cut) in [("cut-100.pdf", 100), ("cut-half.pdf", bytes.len() / 2), ("empty.pdf", 0)] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes[..cut]).unwrap();
        refused(&path, dir.path(), &["not a readable PDF"]);
    }
    // cut just before the end: lenient reading may repair the cross-reference table, then the
    // file is still not the build's
    let path = dir.path().join("cut-end.pdf");
    std::fs::write(&path, &bytes[..bytes.len() - 20]).unwrap();
    refused(&path, dir.path(), &[]);
    // random bytes (a fixed sequence), bare and behind a PDF header
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let random: Vec<u8> = (0..20_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for (name, head) in [("random.pdf", &b""[..]), ("random-header.pdf", &b"%PDF-1.7\n"[..])] {
        let path = dir.path().join(name);
        std::fs::write(&path, [head, &random].concat()).unwrap();
        refused(&path, dir.path(), &["not a readable PDF"]);
    }
}

#[test]
fn an_encrypted_pdf_is_refused_and_says_so() {
    let (dir, pdf) = built();
    let p = pdf.to_str().unwrap();
    let user = dir.path().join("user-password.pdf");
    qpdf(&["--encrypt", "lo", "owner", "256", "--", p, user.to_str().unwrap()]);
    refused(&user, dir.path(), &["is encrypted with a password"]);
    let rc4 = dir.path().join("rc4.pdf");
    qpdf(&["--allow-weak-crypto", "--encrypt", "lo", "owner", "128", "--use-aes=n", "--", p, rc4.to_str().unwrap()]);
    refused(&rc4, dir.path(), &["is encrypted with a password"]);
    // an owner password only: readable, but not the build's bytes
    let owner = dir.path().join("owner-password.pdf");
    qpdf(&["--encrypt", "", "owner", "256", "--", p, owner.to_str().unwrap()]);
    refused(&owner, dir.path(), &["the PDF is encrypted: baocao never encrypts", "not verified"]);
}

#[test]
fn attachments_missing_renamed_or_added_are_named() {
    let (dir, pdf) = built();
    let p = pdf.to_str().unwrap();
    let section = "content/sections/01-mo-dau.md";
    let removed = dir.path().join("removed.pdf");
    qpdf(&[p, &format!("--remove-attachment={section}"), "--", removed.to_str().unwrap()]);
    refused(
        &removed,
        dir.path(),
        &[&format!("`{section}` is listed in manifest.json but not attached"), "was not rebuilt"],
    );

    let text = dir.path().join("section.md");
    std::fs::copy(dir.path().join(section), &text).unwrap();
    let renamed = dir.path().join("renamed.pdf");
    let add = |from: &Path, key: &str, to: &Path| {
        qpdf(&[
            from.to_str().unwrap(),
            "--add-attachment",
            text.to_str().unwrap(),
            &format!("--key={key}"),
            &format!("--filename={key}"),
            "--",
            to.to_str().unwrap(),
        ])
    };
    add(&removed, "content/sections/01-doi-ten.md", &renamed);
    refused(
        &renamed,
        dir.path(),
        &[
            &format!("`{section}` is listed in manifest.json but not attached"),
            "`content/sections/01-doi-ten.md` is attached but not listed",
        ],
    );

    let added = dir.path().join("added.pdf");
    add(&pdf, "../../ngoai.md", &added);
    refused(&added, dir.path(), &["`../../ngoai.md` is attached but not listed", "was not rebuilt"]);
    assert!(!dir.path().parent().unwrap().join("ngoai.md").exists());

    let no_manifest = dir.path().join("no-manifest.pdf");
    qpdf(&[p, "--remove-attachment=manifest.json", "--", no_manifest.to_str().unwrap()]);
    // nothing left to rebuild from: not "altered", but nothing can be told either (exit 3)
    let (code, text) = verify(&no_manifest, dir.path());
    assert_eq!(code, Some(3), "{text}");
    assert!(text.contains("carries no manifest.json") && text.contains("cannot tell"), "{text}");
}

#[test]
fn a_pdf_beyond_the_size_limit_is_not_read() {
    let (dir, pdf) = built();
    let big = dir.path().join("big.pdf");
    std::fs::copy(&pdf, &big).unwrap();
    // sparse: no disk space taken, and verify must refuse it before reading
    std::fs::OpenOptions::new().write(true).open(&big).unwrap().set_len(MAX_PDF_BYTES + 1).unwrap();
    refused(&big, dir.path(), &["cannot read", "the limit is 64.0 MB"]);
}

#[test]
fn an_attachment_beyond_the_size_limit_is_refused() {
    let (dir, pdf) = built();
    let zeros = dir.path().join("zeros.md");
    std::fs::write(&zeros, vec![b'0'; MAX_PDF_ATTACHMENT_BYTES + 1]).unwrap();
    let out = dir.path().join("big-attachment.pdf");
    qpdf(&[
        pdf.to_str().unwrap(),
        "--add-attachment",
        zeros.to_str().unwrap(),
        "--key=content/sections/09-lon.md",
        "--filename=content/sections/09-lon.md",
        "--",
        out.to_str().unwrap(),
    ]);
    assert!(std::fs::metadata(&out).unwrap().len() < 200_000, "compressed, the PDF stays small");
    refused(&out, dir.path(), &["`content/sections/09-lon.md` is larger than 4 MB once decompressed"]);
}

#[test]
fn too_many_or_too_large_attachments_together_and_a_looping_list_are_refused() {
    let (dir, pdf) = built();
    // MAX_PDF_ATTACHMENTS + 1 entries, all naming the same file specification
    let many = dir.path().join("many.pdf");
    edited(&pdf, &many, |doc, tree| {
        let names = doc.get_dictionary(tree).unwrap().get(b"Names").unwrap().as_array().unwrap().clone();
        let spec = names[1].clone();
        let entries: Vec<Object> = (0..=MAX_PDF_ATTACHMENTS)
            .flat_map(|i| [Object::string_literal(format!("f{i:05}")), spec.clone()])
            .collect();
        doc.get_dictionary_mut(tree).unwrap().set("Names", entries);
    });
    refused(&many, dir.path(), &["more than 10000 attached files"]);

    // a few entries, each a file just under the limit: too much together
    let large = dir.path().join("large-together.pdf");
    edited(&pdf, &large, |doc, tree| {
        let mut stream =
            Stream::new(dictionary! { "Type" => "EmbeddedFile" }, vec![b'x'; MAX_PDF_ATTACHMENT_BYTES - 1]);
        stream.compress().unwrap();
        let data = doc.add_object(stream);
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec", "F" => Object::string_literal("lon.md"), "UF" => Object::string_literal("lon.md"),
            "EF" => dictionary! { "F" => data },
        });
        let count = MAX_PDF_ATTACHED_BYTES / MAX_PDF_ATTACHMENT_BYTES + 1;
        let entries: Vec<Object> =
            (0..count).flat_map(|i| [Object::string_literal(format!("lon-{i}.md")), Object::Reference(spec)]).collect();
        doc.get_dictionary_mut(tree).unwrap().set("Names", entries);
    });
    refused(&large, dir.path(), &["are larger than 16 MB together once decompressed"]);

    // a node of the name tree that is its own kid
    let looping = dir.path().join("looping.pdf");
    edited(&pdf, &looping, |doc, tree| {
        doc.get_dictionary_mut(tree).unwrap().set("Kids", vec![Object::Reference(tree)]);
    });
    refused(&looping, dir.path(), &["attachment list refers back to itself"]);
}

#[test]
fn attachments_that_are_not_utf8_are_refused_by_name_or_by_the_rebuild() {
    let (dir, pdf) = built();
    // a section in Latin-1, with the manifest's hash updated to match: the sources do not build
    let section = "content/sections/01-mo-dau.md";
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"Ph\xe1t tri\xean.\n").unwrap();
    let step = dir.path().join("step.pdf");
    qpdf(&[
        pdf.to_str().unwrap(),
        "--add-attachment",
        latin1.to_str().unwrap(),
        &format!("--key={section}"),
        &format!("--filename={section}"),
        "--replace",
        "--",
        step.to_str().unwrap(),
    ]);
    let mut m = manifest(&pdf);
    for input in m["inputs"].as_array_mut().unwrap() {
        if input["path"] == section {
            input["sha256"] = baocao::provenance::sha256_hex(&std::fs::read(&latin1).unwrap()).into();
            input["bytes"] = 14.into();
        }
    }
    let out = dir.path().join("latin1.pdf");
    with_manifest(&step, &serde_json::to_vec_pretty(&m).unwrap(), &out);
    refused(&out, dir.path(), &["the attached sources do not build", "is not valid UTF-8", section]);

    // a file name that is no text: UTF-16 with a lone surrogate
    let bad_name = dir.path().join("bad-name.pdf");
    edited(&pdf, &bad_name, |doc, tree| {
        let names = doc.get_dictionary(tree).unwrap().get(b"Names").unwrap().as_array().unwrap().clone();
        let spec = names[1].as_reference().unwrap();
        let dict = doc.get_dictionary_mut(spec).unwrap();
        for key in ["UF", "F"] {
            dict.set(key, Object::String(vec![0xfe, 0xff, 0xd8, 0x00], lopdf::StringFormat::Hexadecimal));
        }
    });
    refused(&bad_name, dir.path(), &["has no name (or one that is not text)"]);
}

#[test]
fn a_manifest_that_lies_is_named_and_never_followed_outside_the_project() {
    let (dir, pdf) = built();
    let good = manifest(&pdf);
    let lie = |name: &str, edit: &dyn Fn(&mut Value)| -> PathBuf {
        let mut m = good.clone();
        edit(&mut m);
        let out = dir.path().join(name);
        with_manifest(&pdf, &serde_json::to_vec_pretty(&m).unwrap(), &out);
        out
    };
    let raw = |name: &str, bytes: &[u8]| -> PathBuf {
        let out = dir.path().join(name);
        with_manifest(&pdf, bytes, &out);
        out
    };

    let hash = lie("hash.pdf", &|m| m["inputs"][2]["sha256"] = "0".repeat(64).into());
    let section = good["inputs"][2]["path"].as_str().unwrap().to_string();
    refused(
        &hash,
        dir.path(),
        &[&format!("`{section}`: the attached file does not match its SHA-256"), "was not rebuilt"],
    );

    let count = lie("count.pdf", &|m| {
        m["inputs"].as_array_mut().unwrap().remove(2);
    });
    refused(&count, dir.path(), &[&format!("`{section}` is attached but not listed")]);

    let malformed = raw("malformed.pdf", br#"{"format": "baocao-manifest/1", "inputs": ["#);
    refused(&malformed, dir.path(), &["manifest.json cannot be read"]);
    let latin1 = String::from_utf8(serde_json::to_vec(&good).unwrap()).unwrap().replace("BÁO", "B\u{1}O").into_bytes();
    let latin1: Vec<u8> = latin1.into_iter().map(|b| if b == 1 { 0xc1 } else { b }).collect();
    refused(&raw("not-utf8.pdf", &latin1), dir.path(), &["manifest.json cannot be read"]);

    let text = serde_json::to_string(&good).unwrap();
    let bytes = good["inputs"][0]["bytes"].to_string();
    for (name, value) in [("huge-float.pdf", "1e400"), ("huge-int.pdf", "18446744073709551616"), ("negative.pdf", "-1")]
    {
        let out = raw(name, text.replacen(&format!("\"bytes\":{bytes}"), &format!("\"bytes\":{value}"), 1).as_bytes());
        refused(&out, dir.path(), &["manifest.json cannot be read"]);
    }
    let epoch = lie("epoch.pdf", &|m| m["options"]["source_date_epoch"] = i64::MAX.into());
    refused(&epoch, dir.path(), &["the attached sources do not build", "is not a date typst can write"]);

    // more entries than a PDF may carry
    let many = lie("many-inputs.pdf", &|m| {
        let one = m["inputs"][0].clone();
        m["inputs"] = Value::Array(vec![one; MAX_PDF_ATTACHMENTS + 1]);
    });
    refused(&many, dir.path(), &["more than the 10000 a PDF may carry"]);

    // paths outside the project: refused, and nothing is written or read there
    let outside = dir.path().join("ngoai");
    std::fs::create_dir(&outside).unwrap();
    let escapes = [
        outside.join("abs.ttf").to_str().unwrap().to_string(),
        format!("../../../../../../../..{}", outside.join("rel.ttf").display()),
        "fonts/../../x.ttf".to_string(),
        "fonts\\..\\x.ttf".to_string(),
        "".to_string(),
    ];
    for (i, path) in escapes.iter().enumerate() {
        let font = lie(&format!("font-path-{i}.pdf"), &|m| m["fonts"][0]["path"] = path.clone().into());
        refused(&font, dir.path(), &["in manifest.json is not a path inside a project", "was not rebuilt"]);
        let input = lie(&format!("input-path-{i}.pdf"), &|m| m["inputs"][2]["path"] = path.clone().into());
        refused(&input, dir.path(), &["in manifest.json is not a path inside a project", "was not rebuilt"]);
    }
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "verify wrote outside its folder");

    let no_fonts = lie("no-fonts.pdf", &|m| m["fonts"] = Value::Array(vec![]));
    refused(&no_fonts, dir.path(), &["lists no fonts"]);
    let long = lie("long-version.pdf", &|m| m["baocao"] = "9".repeat(100_000).into());
    let text = refused(&long, dir.path(), &["not verified"]);
    assert!(text.len() < 5_000, "a long string from the manifest is shown whole ({} bytes)", text.len());
}
