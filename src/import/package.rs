//! Reading a .docx package: the zip, within the limits of [`crate::limits`], and the parts
//! `import` reads (the main document, footnotes, comments, styles, numbering, properties),
//! found through the package's relationships as Word and LibreOffice name them.
//!
//! What is not a .docx is refused with what it is and what to do: a Word 97–2003 `.doc`, a
//! password-protected file (an OLE container holding an encrypted package), a file that is not
//! a zip, a zip without a Word document (an .odt, an .xlsx).

use std::io::{Cursor, Read};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Failure};
use crate::limits::{MAX_DOCX_BYTES, MAX_DOCX_ENTRIES, MAX_DOCX_PART_BYTES, MAX_DOCX_UNPACKED_BYTES};
use crate::t;

/// The parts of a .docx that `import` reads, as text.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// The main document (`word/document.xml`).
    pub document: String,
    /// `word/footnotes.xml`.
    pub footnotes: Option<String>,
    /// `word/comments.xml`.
    pub comments: Option<String>,
    /// `word/styles.xml`.
    pub styles: Option<String>,
    /// `word/numbering.xml`.
    pub numbering: Option<String>,
    /// `docProps/core.xml`.
    pub core: Option<String>,
    /// `docProps/custom.xml`.
    pub custom: Option<String>,
    /// Whether the package holds endnotes (not converted).
    pub has_endnotes: bool,
}

/// Reads the .docx at `path`.
pub fn read_file(path: &Path) -> Result<Package, Failure> {
    let bytes = crate::project::read_limited(path, MAX_DOCX_BYTES).map_err(|e| {
        Failure::usage(
            Diagnostic::error(t!("import-cannot-read", path = path.display().to_string(), error = e.to_string()))
                .help(t!("import-cannot-read-help")),
        )
    })?;
    read(&bytes).map_err(|d| Failure::content(vec![with_file(d, path)]))
}

fn with_file(d: Diagnostic, path: &Path) -> Diagnostic {
    Diagnostic { message: format!("`{}`: {}", path.display(), d.message), ..d }
}

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a .docx from its bytes.
pub fn read(bytes: &[u8]) -> Result<Package, Diagnostic> {
    if bytes.len() as u64 > MAX_DOCX_BYTES {
        return Err(Diagnostic::error(t!("import-docx-too-large", max = MAX_DOCX_BYTES >> 20))
            .help(t!("import-docx-too-large-help")));
    }
    if bytes.starts_with(OLE) {
        return Err(if utf16_contains(bytes, "EncryptedPackage") {
            Diagnostic::error(t!("import-docx-encrypted")).help(t!("import-docx-encrypted-help"))
        } else {
            Diagnostic::error(t!("import-doc")).help(t!("import-doc-help"))
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err(Diagnostic::error(t!("import-not-docx")).help(t!("import-not-docx-help")));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Diagnostic::error(t!("import-bad-zip", error = e.to_string())).help(t!("import-bad-zip-help")))?;
    if zip.len() > MAX_DOCX_ENTRIES {
        return Err(Diagnostic::error(t!("import-too-many-parts", n = zip.len(), max = MAX_DOCX_ENTRIES))
            .help(t!("import-too-many-parts-help")));
    }
    let mut reader = Reader { zip: &mut zip, unpacked: 0 };
    let main = reader.target("_rels/.rels", "", "/officeDocument")?.unwrap_or_else(|| "word/document.xml".to_string());
    let Some(document) = reader.part(&main)? else {
        return Err(Diagnostic::error(t!("import-no-document", part = &main)).help(t!("import-no-document-help")));
    };
    let dir = main.rsplit_once('/').map_or(String::new(), |(d, _)| format!("{d}/"));
    let rels = format!("{dir}_rels/{}.rels", main.rsplit('/').next().unwrap_or("document.xml"));
    let mut related = |kind: &str, default: &str| -> Result<Option<String>, Diagnostic> {
        let name = reader.target(&rels, &dir, kind)?.unwrap_or_else(|| format!("{dir}{default}"));
        reader.part(&name)
    };
    let footnotes = related("/footnotes", "footnotes.xml")?;
    let comments = related("/comments", "comments.xml")?;
    let styles = related("/styles", "styles.xml")?;
    let numbering = related("/numbering", "numbering.xml")?;
    let has_endnotes = related("/endnotes", "endnotes.xml")?.is_some_and(|e| e.matches("<w:endnote ").count() > 2);
    let core = reader.part("docProps/core.xml")?;
    let custom = reader.part("docProps/custom.xml")?;
    Ok(Package { document, footnotes, comments, styles, numbering, core, custom, has_endnotes })
}

struct Reader<'a, 'b> {
    zip: &'a mut zip::ZipArchive<Cursor<&'b [u8]>>,
    unpacked: u64,
}

impl Reader<'_, '_> {
    /// A part as text, or `None` when the package has no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, Diagnostic> {
        let name = name.trim_start_matches('/');
        let mut entry = match self.zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(Diagnostic::error(t!("import-part-unreadable", name = name, error = e.to_string()))
                    .help(t!("import-part-unreadable-help")));
            }
        };
        let left = MAX_DOCX_UNPACKED_BYTES.saturating_sub(self.unpacked);
        let limit = MAX_DOCX_PART_BYTES.min(left);
        let mut bytes = Vec::new();
        (&mut entry).take(limit + 1).read_to_end(&mut bytes).map_err(|e| {
            Diagnostic::error(t!("import-part-unpack", name = name, error = e.to_string()))
                .help(t!("import-save-again-damaged"))
        })?;
        if bytes.len() as u64 > limit {
            return Err(Diagnostic::error(t!(
                "import-part-too-large",
                name = name,
                size = limit >> 20,
                part = MAX_DOCX_PART_BYTES >> 20,
                all = MAX_DOCX_UNPACKED_BYTES >> 20
            ))
            .help(t!("import-part-too-large-help")));
        }
        self.unpacked += bytes.len() as u64;
        let text = String::from_utf8(bytes)
            .map_err(|_| Diagnostic::error(t!("import-part-not-utf8", name = name)).help(t!("import-save-again")))?;
        Ok(Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)))
    }

    /// The target of the first relationship in `rels` whose type ends with `kind`, as a path
    /// in the package (relative targets resolved against `dir`).
    fn target(&mut self, rels: &str, dir: &str, kind: &str) -> Result<Option<String>, Diagnostic> {
        let Some(text) = self.part(rels)? else { return Ok(None) };
        let Ok(xml) = roxmltree::Document::parse(&text) else { return Ok(None) };
        let found = xml.descendants().filter(|n| n.has_tag_name("Relationship")).find(|n| {
            n.attribute("Type").is_some_and(|t| t.ends_with(kind)) && n.attribute("TargetMode") != Some("External")
        });
        Ok(found.and_then(|n| n.attribute("Target")).map(|t| match t.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("{dir}{t}"),
        }))
    }
}

/// Whether `bytes` hold `text` in UTF-16LE (the stream names of an OLE container).
fn utf16_contains(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_docx_is_named() {
        assert!(read(b"hello").unwrap_err().message.contains("not a Word document"));
        let mut doc = OLE.to_vec();
        doc.extend([0; 600]);
        assert!(read(&doc).unwrap_err().message.contains(".doc"));
        doc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(read(&doc).unwrap_err().message.contains("password"));
        assert!(read(b"PK\x03\x04 broken").unwrap_err().message.contains("zip"));
    }
}
