//! Reading a PDF back: its document information (title, author, subject, keywords, language,
//! standard) and its attached files, as `baocao verify` and the tests need them.
//!
//! Takes the PDF's bytes and hands on a [`PdfContents`]. Input may come from anyone, so every
//! decompressed stream is bounded ([`MAX_PDF_STREAM_BYTES`] while loading,
//! [`MAX_PDF_ATTACHMENT_BYTES`] for an attached file), so are the number of attached files and
//! their total size, a name tree that loops is refused, and a malformed file is an error message,
//! never a panic (a panic in the PDF parser is caught and reported as an unreadable PDF).

use std::collections::HashSet;

use crate::diagnostics::Diagnostic;
use crate::t;
use lopdf::{DecompressError, Dictionary, Document, LoadOptions, Object, ObjectId};

use crate::limits::{MAX_PDF_ATTACHED_BYTES, MAX_PDF_ATTACHMENT_BYTES, MAX_PDF_ATTACHMENTS, MAX_PDF_STREAM_BYTES};

/// A file attached to a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachedFile {
    /// Its name (the file specification's `/UF`, else `/F`).
    pub name: String,
    /// The bytes, decompressed.
    pub bytes: Vec<u8>,
    /// The MIME type (`/Subtype` of the embedded stream).
    pub mime: Option<String>,
    /// The description (`/Desc`).
    pub description: Option<String>,
    /// The PDF/A-3 relationship (`/AFRelationship`): `Source`, `Supplement`…
    pub relationship: Option<String>,
}

/// What a PDF says about itself and what it carries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfContents {
    /// `/Title` of the document information.
    pub title: Option<String>,
    /// `/Author`.
    pub author: Option<String>,
    /// `/Subject`.
    pub subject: Option<String>,
    /// `/Keywords`.
    pub keywords: Option<String>,
    /// `/Creator`.
    pub creator: Option<String>,
    /// `/CreationDate`, as written (`D:20230101000000Z`).
    pub creation_date: Option<String>,
    /// The catalog's `/Lang`.
    pub lang: Option<String>,
    /// The PDF/A part and conformance from the XMP metadata (`3B`), if declared.
    pub pdfa: Option<String>,
    /// Number of pages.
    pub pages: usize,
    /// Attached files, in the order of the name tree (sorted by name).
    pub attachments: Vec<AttachedFile>,
    /// Whether the file is encrypted (with an owner password only: it could be read). baocao
    /// never encrypts; such a file was rewritten after it was built.
    pub encrypted: bool,
}

/// Reads `bytes` as a PDF; what cannot be read is a diagnostic saying why (the caller names
/// the file).
pub fn read(bytes: &[u8]) -> Result<PdfContents, Diagnostic> {
    // lopdf parses hostile input; a panic in it means the file cannot be read, not a crash
    let read = std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(t!("pdf-read-reader-stopped", message = message))
    });
    read.map_err(|message| Diagnostic::error(message).help(t!("pdf-read-help")))
}

fn read_unguarded(bytes: &[u8]) -> Result<PdfContents, String> {
    let options = LoadOptions { max_decompressed_size: Some(MAX_PDF_STREAM_BYTES), ..LoadOptions::default() };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            t!("pdf-read-stream-too-large", size = megabytes(MAX_PDF_STREAM_BYTES))
        }
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword | lopdf::Error::UnsupportedSecurityHandler(_) => {
            t!("pdf-read-encrypted")
        }
        e => t!("pdf-read-unreadable", error = e.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(t!("pdf-read-encrypted"));
    }
    let catalog = doc.catalog().map_err(|e| t!("pdf-read-no-catalog", error = e.to_string()))?;
    let mut out =
        PdfContents { pages: doc.get_pages().len(), encrypted: doc.was_encrypted(), ..PdfContents::default() };
    if let Ok(info) = doc.trailer.get_deref(b"Info", &doc).and_then(Object::as_dict) {
        let text = |key: &[u8]| info.get_deref(key, &doc).ok().and_then(|o| lopdf::decode_text_string(o).ok());
        out.title = text(b"Title");
        out.author = text(b"Author");
        out.subject = text(b"Subject");
        out.keywords = text(b"Keywords");
        out.creator = text(b"Creator");
        out.creation_date = text(b"CreationDate");
    }
    out.lang = catalog.get_deref(b"Lang", &doc).ok().and_then(|o| lopdf::decode_text_string(o).ok());
    if let Ok(meta) = catalog.get_deref(b"Metadata", &doc).and_then(Object::as_stream)
        && let Ok(xml) = meta.decompressed_content_with_limit(MAX_PDF_ATTACHMENT_BYTES)
    {
        let xml = String::from_utf8_lossy(&xml);
        let tag = |name: &str| {
            let open = format!("<pdfaid:{name}>");
            let start = xml.find(&open)? + open.len();
            let end = xml[start..].find('<')? + start;
            Some(xml[start..end].trim().to_string())
        };
        if let (Some(part), Some(conformance)) = (tag("part"), tag("conformance")) {
            out.pdfa = Some(format!("{part}{conformance}"));
        }
    }
    let tree = catalog
        .get_deref(b"Names", &doc)
        .and_then(Object::as_dict)
        .and_then(|names| names.get_deref(b"EmbeddedFiles", &doc))
        .and_then(Object::as_dict);
    if let Ok(tree) = tree {
        let mut specs = Vec::new();
        collect_name_tree(&doc, tree, &mut specs, 0, &mut HashSet::new())?;
        let mut total = 0;
        for spec in specs {
            let file = attached_file(&doc, spec)?;
            total += file.bytes.len();
            if total > MAX_PDF_ATTACHED_BYTES {
                return Err(t!("pdf-read-attachments-too-large", size = megabytes(MAX_PDF_ATTACHED_BYTES)));
            }
            out.attachments.push(file);
        }
    }
    Ok(out)
}

fn megabytes(bytes: usize) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// The leaves (file specifications) of a name tree, in order: at most [`MAX_PDF_ATTACHMENTS`],
/// each node visited once.
fn collect_name_tree<'a>(
    doc: &'a Document,
    node: &'a Dictionary,
    out: &mut Vec<&'a Dictionary>,
    depth: usize,
    visited: &mut HashSet<ObjectId>,
) -> Result<(), String> {
    if depth > 32 {
        return Err(t!("pdf-read-nested-too-deeply"));
    }
    if let Ok(names) = node.get_deref(b"Names", doc).and_then(Object::as_array) {
        for pair in names.chunks(2) {
            if let [_, value] = pair {
                if out.len() == MAX_PDF_ATTACHMENTS {
                    return Err(t!("pdf-read-too-many-attachments", max = MAX_PDF_ATTACHMENTS));
                }
                let broken = |e: lopdf::Error| t!("pdf-read-broken-entry", error = e.to_string());
                let (_, value) = doc.dereference(value).map_err(broken)?;
                out.push(value.as_dict().map_err(broken)?);
            }
        }
    }
    if let Ok(kids) = node.get_deref(b"Kids", doc).and_then(Object::as_array) {
        for kid in kids {
            if let Object::Reference(id) = kid
                && !visited.insert(*id)
            {
                return Err(t!("pdf-read-list-loops"));
            }
            let broken = |e: lopdf::Error| t!("pdf-read-broken-list", error = e.to_string());
            let (_, kid) = doc.dereference(kid).map_err(broken)?;
            collect_name_tree(doc, kid.as_dict().map_err(broken)?, out, depth + 1, visited)?;
        }
    }
    Ok(())
}

fn attached_file(doc: &Document, spec: &Dictionary) -> Result<AttachedFile, String> {
    let text = |key: &[u8]| spec.get_deref(key, doc).ok().and_then(|o| lopdf::decode_text_string(o).ok());
    let name = text(b"UF").or_else(|| text(b"F")).ok_or_else(|| t!("pdf-read-attachment-no-name"))?;
    let stream = spec
        .get_deref(b"EF", doc)
        .and_then(Object::as_dict)
        .and_then(|ef| ef.get_deref(b"F", doc))
        .and_then(Object::as_stream)
        .map_err(|e| t!("pdf-read-attachment-no-content", name = &name, error = e.to_string()))?;
    let bytes = stream.decompressed_content_with_limit(MAX_PDF_ATTACHMENT_BYTES).map_err(|e| match e {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => {
            t!("pdf-read-attachment-too-large", name = &name, size = megabytes(MAX_PDF_ATTACHMENT_BYTES))
        }
        e => t!("pdf-read-attachment-unreadable", name = &name, error = e.to_string()),
    })?;
    let name_of = |o: &Object| o.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned());
    Ok(AttachedFile {
        mime: stream.dict.get(b"Subtype").ok().and_then(name_of),
        description: text(b"Desc"),
        relationship: spec.get(b"AFRelationship").ok().and_then(name_of),
        name,
        bytes,
    })
}
