//! Fuzz target `pdf`: arbitrary bytes as a PDF, through the attachment reader
//! ([`baocao::pdf_read::read`]) and `verify`'s reading path up to the rebuild (manifest,
//! attachments, paths, limits: [`baocao::verify::verify_bytes`]). Nothing may panic, hang or
//! exhaust memory; a panic inside lopdf is caught by `pdf_read` but still reported here, as
//! libFuzzer's panic hook aborts on every panic.

#![no_main]

use std::path::Path;

use baocao::verify::{self, Rebuild};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(verdict) = verify::verify_bytes(data, None, Rebuild::No) {
        let _ = verdict.render(Path::new("report.pdf"), None);
    }
});
