//! Writing results: the PDF export and atomic file writes.
//!
//! Every output is written to a temporary file in the same directory and renamed over the
//! target, so a failed or interrupted build never leaves a half-written file and never
//! destroys the last good one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::diagnostics::{Diagnostic, Failure};

/// The creator string written into PDFs (pinned, so typst upgrades don't change it silently).
pub const CREATOR: &str = concat!("baocao ", env!("CARGO_PKG_VERSION"));

/// Exports the document as PDF bytes.
pub fn pdf(document: &PagedDocument, today: typst::foundations::Datetime, ident: &str) -> Result<Vec<u8>, Failure> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(CREATOR.to_string())),
        timestamp: Some(Timestamp::new_utc(today)),
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        Failure::content(
            errors
                .iter()
                .map(|e| Diagnostic::error(format!("PDF export: {}", e.message)).help("check the template's document settings"))
                .collect(),
        )
    })
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
    let fail = |what: &str, e: std::io::Error| {
        Failure::content(vec![
            Diagnostic::error(format!("cannot write `{}`: {what}: {e}", path.display()))
                .help("check that the output folder exists, is writable, and that the file is not open in another program"),
        ])
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail("creating the folder", e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        // No fsync: the rename alone makes the write all-or-nothing for every reader and for an
        // interrupted build; forcing the bytes to disk would cost 5–10 ms per file on every
        // `watch` rebuild, for protection against power loss only (typst and cargo do not
        // fsync their outputs either).
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail("writing", e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
