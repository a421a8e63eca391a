//! File names that work on every system a project travels to. A report is written on one PC
//! and built on another, often Windows, whose file names differ from Linux's in two ways that
//! would lose a section without a word:
//!
//! - **case**: `01-A.md` and `01-a.md` are two files on Linux and one on Windows (and on macOS),
//!   so a project holding both builds differently there;
//! - **device names**: `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9` (with any
//!   extension: `con.md`, `nul.tar.gz`) name devices on Windows; no file can be called so, and
//!   writing `-o nul.pdf` writes nowhere.
//!
//! Both are refused on every system, so a project that builds here builds the same there.
//! [`ascii`] and [`slug`] make a name of plain ASCII from Vietnamese words (a facts file name
//! suggested for `chuyện-đổi-số.yaml`, the files and keys `import` makes).
//! [`crate::project`] checks the files it reads; `build`, `watch` and `diff --redline` check the
//! file they are asked to write ([`check_output_name`]).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Failure};

/// The names Windows gives to devices (compared without regard to case).
const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
/// Devices numbered 0–9 and ¹ ² ³: `COM1`, `LPT²`.
const NUMBERED_DEVICES: [&str; 2] = ["COM", "LPT"];

/// The Windows device that the file name `name` stands for (`CON` for `con.md` or `Con`),
/// or `None` for an ordinary name. Windows reads the part before the first dot, trailing
/// spaces dropped.
pub fn reserved_device(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_uppercase();
    if DEVICES.contains(&upper.as_str()) {
        return Some(upper);
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: String = chars.collect();
    let numbered = matches!(rest.as_str(), "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³");
    (NUMBERED_DEVICES.contains(&prefix.as_str()) && numbered).then_some(upper)
}

/// A name to rename `name` to: `con.md` → `con-1.md`, keeping the extension; `joiner` is `_` for
/// facts files (a namespace holds letters, digits and `_` only) and `-` for the rest.
pub fn renamed(name: &str, joiner: char) -> String {
    match name.split_once('.') {
        Some((stem, rest)) => format!("{}{joiner}1.{rest}", stem.trim_end_matches(' ')),
        None => format!("{}{joiner}1", name.trim_end_matches(' ')),
    }
}

/// The error for the project file `rel` (relative to the project root) when its name, or the
/// name of a folder on its way, is a Windows device name.
pub fn reserved_file(rel: &Path) -> Option<Diagnostic> {
    let (name, device) = rel.components().rev().find_map(|c| match c {
        Component::Normal(n) => n.to_str().and_then(|n| reserved_device(n).map(|d| (n, d))),
        _ => None,
    })?;
    let joiner = if rel.starts_with("content/facts") { '_' } else { '-' };
    Some(
        Diagnostic::error(crate::t!(
            "build-device-name",
            path = rel.display().to_string(),
            name = name,
            device = device.as_str()
        ))
        .help(crate::t!("build-device-name-help", name = name, renamed = renamed(name, joiner))),
    )
}

/// The errors for files among `paths` (relative to the project root) whose names differ only in
/// capital letters: one error for each pair, naming both.
pub fn case_clashes(paths: &[PathBuf]) -> Vec<Diagnostic> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    let mut errors = Vec::new();
    for path in paths {
        let folded = crate::diagnostics::slash_path(path).to_lowercase();
        match seen.get(&folded) {
            Some(first) => errors.push(
                Diagnostic::error(crate::t!(
                    "build-case-clash",
                    first = first.display().to_string(),
                    second = path.display().to_string()
                ))
                .help(crate::t!(
                    "build-case-clash-help",
                    renamed = path.file_name().map(|n| renamed(&n.to_string_lossy(), '-')).unwrap_or_default()
                )),
            ),
            None => {
                seen.insert(folded, path);
            }
        }
    }
    errors
}

/// Refuses an output file named after a Windows device: a usage error naming the file and
/// what to call it instead, with the option that named it (`-o`, `--redline`).
pub fn check_output_name(path: &Path, option: &str) -> Result<(), Failure> {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return Ok(()) };
    let Some(device) = reserved_device(name) else { return Ok(()) };
    Err(Failure::usage(
        Diagnostic::error(crate::t!(
            "build-output-device",
            path = path.display().to_string(),
            device = device.as_str()
        ))
        .help(crate::t!(
            "build-output-device-help",
            option = option,
            renamed = path.with_file_name(renamed(name, '-')).display().to_string()
        )),
    ))
}

/// ASCII of a Vietnamese text, lower case: `Phát triển kinh tế` → `phat trien kinh te`.
pub fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ' | 'ẫ' | 'ậ' => {
                'a'
            }
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' => {
                'o'
            }
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c if c.is_ascii_alphanumeric() => c,
            // combining marks (decomposed text) vanish; everything else separates words
            '\u{300}'..='\u{36f}' => continue,
            _ => ' ',
        };
        out.push(base);
    }
    out
}

/// Words joined by `sep`, ASCII: `Phát triển kinh tế` → `phat-trien-kinh-te`.
pub fn slug(text: &str, words: usize, sep: &str) -> String {
    ascii(text).split_whitespace().take(words).collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_reserved_with_any_extension_and_case() {
        for (name, device) in [
            ("CON", "CON"),
            ("con.md", "CON"),
            ("Aux.yaml", "AUX"),
            ("nul.tar.gz", "NUL"),
            ("prn .md", "PRN"),
            ("com1.md", "COM1"),
            ("LPT9", "LPT9"),
            ("com0.pdf", "COM0"),
            ("lpt².pdf", "LPT²"),
        ] {
            assert_eq!(reserved_device(name).as_deref(), Some(device), "{name}");
        }
        for name in
            ["console.md", "con-1.md", "com10.md", "com.md", "01-con.md", "null", "auxiliary.yaml", "report.pdf", ""]
        {
            assert_eq!(reserved_device(name), None, "{name}");
        }
    }

    #[test]
    fn a_reserved_name_is_renamed_keeping_its_extension() {
        assert_eq!(renamed("con.md", '-'), "con-1.md");
        assert_eq!(renamed("aux.yaml", '_'), "aux_1.yaml");
        assert_eq!(renamed("NUL", '-'), "NUL-1");
        assert_eq!(renamed("nul.tar.gz", '-'), "nul-1.tar.gz");
    }

    #[test]
    fn a_facts_file_is_renamed_to_a_valid_namespace() {
        let d = reserved_file(Path::new("content/facts/aux.yaml")).unwrap();
        assert_eq!(
            d.message,
            "`content/facts/aux.yaml`: `aux.yaml` cannot be a file name on Windows, where `AUX` is the name of a device"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("rename `aux.yaml` to `aux_1.yaml` (any name but CON, PRN, AUX, NUL, COM1…, LPT1…)")
        );
        assert!(reserved_file(Path::new("content/sections/nul/01.md")).unwrap().message.contains("`nul` cannot be"));
        assert!(reserved_file(Path::new("content/sections/01-mo-dau.md")).is_none());
    }

    #[test]
    fn names_that_differ_only_in_case_clash_once_per_pair() {
        let paths: Vec<PathBuf> = [
            "content/sections/01-A.md",
            "content/sections/01-b.md",
            "content/sections/01-a.md",
            "content/sections/Đ.md",
            "content/sections/đ.md",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let errors = case_clashes(&paths);
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].message,
            "`content/sections/01-A.md` and `content/sections/01-a.md` differ only in capital letters: Windows and macOS take them for one file"
        );
        assert!(
            errors[1].message.contains("`content/sections/Đ.md` and `content/sections/đ.md`"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn an_output_named_after_a_device_is_a_usage_error_with_a_new_name() {
        let failure = check_output_name(Path::new("out/NUL.pdf"), "-o").unwrap_err();
        assert_eq!(failure.exit_code(), 2);
        let d = &failure.diagnostics[0];
        assert_eq!(d.message, "cannot write `out/NUL.pdf`: `NUL` is the name of a device on Windows, not a file name");
        assert_eq!(d.help.as_deref(), Some("choose another name, e.g. `-o out/NUL-1.pdf`"));
        assert!(check_output_name(Path::new("out/bao-cao.pdf"), "-o").is_ok());
    }
}
