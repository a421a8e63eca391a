//! Writing results: the PDF export (pinned metadata, archival standard) and atomic file writes.
//!
//! The PDF bytes depend only on the laid-out document and [`PdfSettings`]: the creator string
//! is pinned, the document id is derived from the content, and the timestamp comes from the
//! report's date or `SOURCE_DATE_EPOCH`, never from the clock.
//!
//! Every output is written to a temporary file in the same directory and renamed over the
//! target, so a failed or interrupted build never leaves a half-written file and never
//! destroys the last good one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::{Diagnostic, Failure};
use crate::t;

/// The creator string written into PDFs (pinned, so typst upgrades don't change it silently).
pub const CREATOR: &str = concat!("baocao ", env!("CARGO_PKG_VERSION"));

/// The standard a PDF is checked against while it is written (typst refuses to write a PDF
/// that breaks it). Archival PDF/A is the default; PDF/A-2 forbids attached files, so a PDF
/// carrying its sources is PDF/A-3b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
pub enum Standard {
    /// No standard: a plain PDF 1.7.
    #[serde(rename = "none")]
    #[value(name = "none")]
    None,
    /// PDF/A-2b: archival, visual appearance preserved; no attachments.
    #[serde(rename = "a-2b")]
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2u: PDF/A-2b with all text mapped to Unicode; no attachments.
    #[serde(rename = "a-2u")]
    #[value(name = "a-2u")]
    A2u,
    /// PDF/A-3b: PDF/A-2b that may carry attached files (the default with sources).
    #[serde(rename = "a-3b")]
    #[value(name = "a-3b")]
    A3b,
    /// PDF/A-3u: PDF/A-3b with all text mapped to Unicode.
    #[serde(rename = "a-3u")]
    #[value(name = "a-3u")]
    A3u,
    /// PDF/A-4 (PDF 2.0 based); no attachments.
    #[serde(rename = "a-4")]
    #[value(name = "a-4")]
    A4,
    /// PDF/A-4f: PDF/A-4 with attached files.
    #[serde(rename = "a-4f")]
    #[value(name = "a-4f")]
    A4f,
    /// PDF/UA-1: accessibility (tagged structure, title, language); not archival.
    #[serde(rename = "ua-1")]
    #[value(name = "ua-1")]
    Ua1,
}

impl Standard {
    /// The name used on the command line and in manifests: `a-3b`.
    pub fn name(self) -> &'static str {
        match self {
            Standard::None => "none",
            Standard::A2b => "a-2b",
            Standard::A2u => "a-2u",
            Standard::A3b => "a-3b",
            Standard::A3u => "a-3u",
            Standard::A4 => "a-4",
            Standard::A4f => "a-4f",
            Standard::Ua1 => "ua-1",
        }
    }

    /// The standard's usual name: `PDF/A-3b`, `PDF/UA-1`, `plain PDF`.
    pub fn label(self) -> String {
        match self {
            Standard::None => t!("build-plain-pdf"),
            other => {
                let name = other.name();
                let (part, rest) = name.split_at(name.find('-').map_or(name.len(), |i| i + 1));
                format!("PDF/{}{rest}", part.to_uppercase())
            }
        }
    }

    /// Whether a PDF of this standard may carry attached files.
    pub fn allows_attachments(self) -> bool {
        matches!(self, Standard::None | Standard::A3b | Standard::A3u | Standard::A4f | Standard::Ua1)
    }

    /// The default: PDF/A-3b when the sources are attached, PDF/A-2b otherwise.
    pub fn default_for(attach_sources: bool) -> Standard {
        if attach_sources { Standard::A3b } else { Standard::A2b }
    }

    fn typst(self) -> Vec<PdfStandard> {
        match self {
            Standard::None => vec![],
            Standard::A2b => vec![PdfStandard::A_2b],
            Standard::A2u => vec![PdfStandard::A_2u],
            Standard::A3b => vec![PdfStandard::A_3b],
            Standard::A3u => vec![PdfStandard::A_3u],
            Standard::A4 => vec![PdfStandard::A_4],
            Standard::A4f => vec![PdfStandard::A_4f],
            Standard::Ua1 => vec![PdfStandard::Ua_1],
        }
    }
}

/// Everything besides the document that decides the PDF's bytes.
#[derive(Debug, Clone)]
pub struct PdfSettings {
    /// The creation date written into the metadata.
    pub timestamp: Datetime,
    /// The document id's seed (derived from the content: the manifest's hash).
    pub ident: String,
    /// The standard to meet.
    pub standard: Standard,
}

/// Exports the document as PDF bytes.
pub fn pdf(document: &PagedDocument, settings: &PdfSettings) -> Result<Vec<u8>, Failure> {
    let export_error = |message: String| {
        Diagnostic::error(t!("build-pdf-export", message = message))
            .help(t!("build-pdf-export-help", standard = settings.standard.label()))
    };
    let standards = PdfStandards::new(&settings.standard.typst())
        .map_err(|e| Failure::content(vec![export_error(e.message().to_string())]))?;
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: Some(Timestamp::new_utc(settings.timestamp)),
        standards,
        ..PdfOptions::default()
    };
    let exported = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| typst_pdf::pdf(document, &options)))
        .map_err(|panic| {
            Failure::content(vec![crate::diagnostics::internal_error(&crate::t!("stage-writing-pdf"), &*panic)])
        })?;
    exported.map_err(|errors| Failure::content(errors.iter().map(|e| export_error(e.message.to_string())).collect()))
}

/// A stable 64-bit FNV-1a hash, for identifiers derived from content.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Writes `bytes` to `path` atomically (temporary file + rename), creating the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    write_atomic_with(path, bytes, |from, to| std::fs::rename(from, to))
}

/// [`write_atomic`] with the last step, moving the finished file into place, given (tests make
/// it fail as Windows does when a PDF reader holds the file).
fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    rename: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |what: String, e: std::io::Error| {
        Failure::content(vec![
            Diagnostic::error(t!(
                "build-cannot-write",
                path = path.display().to_string(),
                what = what,
                error = e.to_string()
            ))
            .help(t!("build-cannot-write-help")),
        ])
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail(t!("build-creating-folder"), e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    remove_stale_temp_files(&dir, &name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        // No fsync: the rename alone makes the write all-or-nothing for every reader and for an
        // interrupted build; forcing the bytes to disk would cost 5–10 ms per file on every
        // `watch` rebuild, for protection against power loss only (typst and cargo do not
        // fsync their outputs either).
        drop(file);
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(t!("build-writing"), e));
    }
    if let Err(e) = rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::content(vec![cannot_replace(path, &e)]));
    }
    Ok(())
}

/// The message when the finished file cannot take the place of the old one. On Windows this is
/// nearly always a PDF reader holding the old file open (Adobe Acrobat Reader, Edge and Word
/// lock the files they show; the rename is refused with "access denied" or "sharing violation").
fn cannot_replace(path: &Path, e: &std::io::Error) -> Diagnostic {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    if path.is_dir() {
        return Diagnostic::error(t!("build-folder-in-the-way", path = path.display().to_string()))
            .help(t!("build-folder-in-the-way-help", name = name));
    }
    // 32: ERROR_SHARING_VIOLATION, 33: ERROR_LOCK_VIOLATION (5, ERROR_ACCESS_DENIED, is PermissionDenied)
    let locked = e.kind() == std::io::ErrorKind::PermissionDenied
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)));
    if locked {
        Diagnostic::error(t!("build-file-locked", path = path.display().to_string(), error = e.to_string()))
            .help(t!("build-file-locked-help", name = name.as_str()))
    } else {
        Diagnostic::error(t!("build-cannot-replace", path = path.display().to_string(), error = e.to_string()))
            .help(t!("build-cannot-replace-help", name = name.as_str()))
    }
}

/// Removes temporary files of `name` left by a build that was killed while writing (a killed
/// process cannot clean up). A temporary file names its writer's process id; one whose process
/// still runs (another build writing the same output) is left alone.
fn remove_stale_temp_files(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && !process_is_running(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs. Where this cannot be known (no `/proc`), it is assumed
/// to run, so nothing is removed.
fn process_is_running(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standards_have_their_usual_names() {
        assert_eq!(Standard::A3b.label(), "PDF/A-3b");
        assert_eq!(Standard::Ua1.label(), "PDF/UA-1");
        assert_eq!(Standard::A4f.label(), "PDF/A-4f");
        assert_eq!(Standard::None.label(), "plain PDF");
        assert!(Standard::A3b.allows_attachments() && !Standard::A2b.allows_attachments());
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_temp_file_left_by_a_killed_writer_is_removed_by_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        // pid 4194304 is above Linux's largest pid, so no such process runs
        let stale = dir.path().join(".a.pdf.4194304.tmp");
        let unrelated = dir.path().join(".b.pdf.4194304.tmp");
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&unrelated, b"other").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(stale.exists(), !Path::new("/proc/self").exists());
        assert!(unrelated.exists(), "only temporary files of the output written are touched");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    /// Windows refuses to replace a file that a PDF reader holds open; Linux never does, so the
    /// refusal is made here ("Access is denied" is `PermissionDenied`).
    #[test]
    fn a_pdf_held_open_by_a_reader_is_named_the_clerk_told_to_close_it_and_the_old_pdf_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        write_atomic(&path, b"old").unwrap();
        let refused = |_: &Path, _: &Path| Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let failure = write_atomic_with(&path, b"new", refused).unwrap_err();
        let d = &failure.diagnostics[0];
        assert_eq!(failure.exit_code(), 1);
        assert!(
            d.message.starts_with(&format!("cannot replace `{}`: the file is open in another program", path.display())),
            "{}",
            d.message
        );
        let help = d.help.as_deref().unwrap_or("");
        assert!(help.starts_with("close `report.pdf` in the PDF reader"), "{help}");
        assert!(help.ends_with("the previous `report.pdf` is unchanged"), "{help}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
    }

    #[test]
    fn a_folder_in_place_of_the_pdf_is_named_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.pdf");
        std::fs::create_dir(&path).unwrap();
        let failure = write_atomic(&path, b"new").unwrap_err();
        let d = &failure.diagnostics[0];
        assert_eq!(d.message, format!("cannot write `{}`: a folder of that name is in the way", path.display()));
        assert_eq!(
            d.help.as_deref(),
            Some("rename or remove the folder `report.pdf`, or write the PDF elsewhere with `-o FILE`")
        );
        assert!(path.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
    }

    #[test]
    fn failed_atomic_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"good").unwrap();
        // a directory in the way of the temporary file makes the write fail
        let tmp = dir.path().join(format!(".a.pdf.{}.tmp", std::process::id()));
        std::fs::create_dir(&tmp).unwrap();
        assert!(write_atomic(&path, b"bad").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"good");
    }
}
