//! Provenance: what a PDF carries so that anyone holding it can tell which sources produced it
//! and rebuild it.
//!
//! A build takes the loaded [`Project`] and its settings and hands on:
//!
//! - a [`Manifest`]: SHA-256 of every input (report.yaml, facts, spreadsheets, sections, template) and of
//!   every font (by name), the baocao and typst versions and the build options;
//! - the [`Attachment`]s: those inputs exactly as read, plus `manifest.json`.
//!
//! The attachments reach typst as data: [`serve`] puts their bytes in the world's reserved
//! in-memory folder with an index (`attachments.json`), and a fixed piece of typst code
//! ([`ATTACH_CODE`]) reads the index and calls `pdf.attach` for each file. No file content or
//! file name is ever written into typst source.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, slash_path};
use crate::output::Standard;
use crate::project::{Project, Replaces, Status};
use crate::typeset::BaocaoWorld;
use crate::typeset::world::RESERVED_DIR;

/// The manifest's name among the attachments.
pub const MANIFEST_NAME: &str = "manifest.json";

/// The manifest format, written into every manifest.
pub const MANIFEST_FORMAT: &str = "baocao-manifest/1";

/// The typst code appended to `report.typ` when sources are attached: it attaches every file
/// listed in the in-memory index, reading names and bytes as data.
pub const ATTACH_CODE: &str = concat!(
    "\n// ---- Sources attached to the PDF (added by baocao; the files are served from memory) ----\n",
    "#for file in json(\"/.baocao/attachments.json\") {\n",
    "  pdf.attach(file.name, read(file.data, encoding: none), relationship: file.relationship,\n",
    "    mime-type: file.mime, description: file.description)\n",
    "}\n",
);

/// The build options that decide the PDF's bytes, as recorded in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestOptions {
    /// The PDF standard met (`a-3b`, `a-2b`, `none`…).
    pub pdf_standard: Standard,
    /// Whether the sources were attached.
    pub sources_attached: bool,
    /// `SOURCE_DATE_EPOCH` when the build used it (seconds since 1970, UTC).
    pub source_date_epoch: Option<i64>,
    /// The creation date written into the PDF (from the report's date or `SOURCE_DATE_EPOCH`).
    pub timestamp: String,
}

/// One input file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputEntry {
    /// Path relative to the project root, written with `/`.
    #[serde(serialize_with = "crate::diagnostics::serialize_slash_path")]
    pub path: PathBuf,
    /// SHA-256 of the exact bytes, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// One font file in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontEntry {
    /// Path relative to the project root (`fonts/LiberationSerif-Regular.ttf`), written with `/`.
    #[serde(serialize_with = "crate::diagnostics::serialize_slash_path")]
    pub path: PathBuf,
    /// The faces it holds: family and style, `Liberation Serif Bold Italic`.
    pub names: Vec<String>,
    /// SHA-256 of the file, lowercase hex.
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// What the document says about itself (from report.yaml), for a reader of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// `BÁO CÁO`.
    pub document_type: String,
    /// `Số: 197/BC-UBND` (or blank).
    pub number_line: String,
    /// Issue date as written in report.yaml.
    pub date: String,
    /// `final` or `draft`.
    pub status: Status,
    /// The report this one replaces.
    pub replaces: Option<Replaces>,
}

/// `manifest.json`: everything that went into a build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`].
    pub format: String,
    /// The baocao version that built the PDF.
    pub baocao: String,
    /// The typst version embedded in it.
    pub typst: String,
    /// The document.
    pub document: DocumentEntry,
    /// Build options.
    pub options: ManifestOptions,
    /// Inputs (text files and spreadsheets), in build order.
    pub inputs: Vec<InputEntry>,
    /// Fonts, in load order.
    pub fonts: Vec<FontEntry>,
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl Manifest {
    /// The manifest of a build of `project` with `options`.
    pub fn new(project: &Project, options: ManifestOptions) -> Manifest {
        let report = &project.report;
        let inputs = project
            .inputs
            .iter()
            .map(|f| InputEntry { path: f.path.clone(), sha256: sha256_hex(&f.bytes), bytes: f.bytes.len() as u64 })
            .collect();
        let fonts = project
            .fonts
            .iter()
            .map(|f| FontEntry {
                path: f.path.clone(),
                names: font_names(&f.data),
                sha256: sha256_hex(&f.data),
                bytes: f.data.len() as u64,
            })
            .collect();
        Manifest {
            format: MANIFEST_FORMAT.to_string(),
            baocao: env!("CARGO_PKG_VERSION").to_string(),
            typst: typst::utils::version().raw().to_string(),
            document: DocumentEntry {
                document_type: report.document_type.clone(),
                number_line: report.number_line(),
                date: serde_json::to_value(report.date)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default(),
                status: report.status,
                replaces: report.replaces.clone(),
            },
            options,
            inputs,
            fonts,
        }
    }

    /// The manifest as written into the PDF: pretty JSON, keys in a fixed order, final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).expect("a manifest serialises");
        text.push('\n');
        text.into_bytes()
    }

    /// Reads a manifest back.
    pub fn from_json(bytes: &[u8]) -> Result<Manifest, Diagnostic> {
        serde_json::from_slice(bytes).map_err(|e| {
            Diagnostic::error(crate::t!("verify-manifest-unreadable", error = e.to_string()))
                .help(crate::t!("verify-manifest-unreadable-help"))
        })
    }

    /// The PDF's document id seed: derived from the whole manifest, so from every input,
    /// font, version and option.
    pub fn ident(&self) -> String {
        format!("baocao-{}", &sha256_hex(&self.to_json())[..32])
    }
}

/// Family and style of every face in a font file: `Liberation Serif Bold Italic`.
fn font_names(data: &[u8]) -> Vec<String> {
    typst::text::Font::iter(typst::foundations::Bytes::new(data.to_vec()))
        .map(|font| {
            let info = font.info();
            let bold = info.variant.weight.to_number() >= 600;
            let italic = info.variant.style != typst::text::FontStyle::Normal;
            let style = match (bold, italic) {
                (false, false) => "",
                (true, false) => " Bold",
                (false, true) => " Italic",
                (true, true) => " Bold Italic",
            };
            format!("{}{style}", info.family)
        })
        .collect()
}

/// A file attached to the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its name in the PDF: the path in the project, `content/sections/01-mo-dau.md`, or `manifest.json`.
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// MIME type.
    pub mime: &'static str,
    /// PDF/A-3 relationship: `source` for inputs, `supplement` for the manifest.
    pub relationship: &'static str,
    /// Shown by PDF readers.
    pub description: String,
}

/// The attachments of a build: every input exactly as read (text files and spreadsheets),
/// then the manifest.
pub fn attachments(project: &Project, manifest_json: &[u8]) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = project
        .inputs
        .iter()
        .map(|f| {
            let name = slash_path(&f.path);
            Attachment {
                mime: mime_of(&name),
                relationship: "source",
                description: format!("Nguồn của báo cáo (baocao): {name}"),
                name,
                bytes: f.bytes.clone(),
            }
        })
        .collect();
    out.push(Attachment {
        name: MANIFEST_NAME.to_string(),
        bytes: manifest_json.to_vec(),
        mime: "application/json",
        relationship: "supplement",
        description: "Bảng kê nguồn: SHA-256 của mọi tệp đầu vào và phông chữ, phiên bản, tùy chọn (kiểm tra bằng `baocao verify`)"
            .to_string(),
    });
    out
}

/// Whether an attachment name is a safe relative path (no root, no `..`): names read from a
/// PDF decide where files are written when rebuilding.
pub fn is_safe_relative(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty() && !name.contains('\\') && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn mime_of(name: &str) -> &'static str {
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("yaml" | "yml") => "application/yaml",
        Some("md") => "text/markdown",
        Some("json") => "application/json",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("ods") => "application/vnd.oasis.opendocument.spreadsheet",
        Some("csv") => "text/csv",
        _ => "text/plain",
    }
}

#[derive(Serialize)]
struct IndexEntry<'a> {
    name: &'a str,
    data: String,
    mime: &'a str,
    relationship: &'a str,
    description: &'a str,
}

/// Serves the attachments and their index from the world's reserved in-memory folder, for
/// [`ATTACH_CODE`].
pub fn serve(world: &mut BaocaoWorld, attachments: &[Attachment]) {
    world.clear_virtual_files();
    let mut index = Vec::with_capacity(attachments.len());
    for (i, a) in attachments.iter().enumerate() {
        let data = format!("{RESERVED_DIR}files/{i}");
        world.add_virtual_file(&data, a.bytes.clone());
        index.push(IndexEntry {
            name: &a.name,
            data,
            mime: a.mime,
            relationship: a.relationship,
            description: &a.description,
        });
    }
    let json = serde_json::to_vec(&index).expect("the index serialises");
    world.add_virtual_file(&format!("{RESERVED_DIR}attachments.json"), json);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_a_pdf_must_stay_inside_the_rebuild_folder() {
        assert!(is_safe_relative("content/sections/01-mo-dau.md"));
        assert!(is_safe_relative("manifest.json"));
        for bad in ["../x", "/etc/passwd", "content/../../x", "", "a\\..\\b", "./x"] {
            assert!(!is_safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn sha256_is_the_standard_digest() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
