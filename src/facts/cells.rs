//! Facts read from spreadsheets: a fact's `source:` names a cell of an .xlsx, .ods or .csv
//! file in `content/data/`, by address (`cell: B7`) or by its row and column labels
//! (`row: "Hải Dương"`, `column: "Năm 2023"`, so a table whose rows move still resolves).
//!
//! The workbooks are read with calamine (xlsx, ods) and the csv crate, from the bytes the
//! project loader read (so they are inputs like any other: hashed in the manifest, attached
//! to the PDF, watched). A cell must hold a number: a text (even one that looks like a number:
//! the spreadsheet's own sums skip it), an error, a date, an empty cell or a formula without a
//! cached value is an error naming the file, the sheet and the cell. calamine never calculates:
//! a formula's value is the one the spreadsheet program saved.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader};
use serde::{Deserialize, Serialize};

use super::{FactValue, Facts};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::limits::MAX_SHEET_CELLS;

/// Gives a spreadsheet's bytes by path relative to the project.
pub type ReadFile<'a> = dyn FnMut(&Path) -> std::io::Result<Vec<u8>> + 'a;

/// The folder spreadsheets are read from, relative to the project.
pub const DATA_DIR: &str = "content/data";

/// The spreadsheet file extensions read.
pub const EXTENSIONS: &[&str] = &["xlsx", "ods", "csv"];

/// `source:` as written in YAML.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellSpec {
    /// The file, relative to `content/data/`.
    pub file: String,
    /// The sheet (not for .csv).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The cell's address: `B7`.
    #[serde(default)]
    pub cell: Option<String>,
    /// The row's label (the text of a cell in that row).
    #[serde(default)]
    pub row: Option<String>,
    /// The column's label (the text of a cell in that column).
    #[serde(default)]
    pub column: Option<String>,
}

/// A fact whose value waits for its cell.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    pub key: String,
    pub spec: CellSpec,
    pub location: Location,
}

/// Where a fact's value was read: for `facts`, `diff` and the JSON index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellSource {
    /// The file, relative to the project, with `/`: `content/data/thong-ke.xlsx`.
    pub file: String,
    /// The sheet (`None` for a .csv file).
    pub sheet: Option<String>,
    /// The cell read, `C12` (found by its labels when `row` and `column` are given).
    pub cell: String,
    /// The row label it was looked up by.
    pub row: Option<String>,
    /// The column label it was looked up by.
    pub column: Option<String>,
}

impl std::fmt::Display for CellSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let table = match &self.sheet {
            Some(s) => crate::t!("facts-sheet-of", file = &self.file, sheet = s),
            None => self.file.clone(),
        };
        let cell = crate::t!("facts-cell-of", table = table, cell = &self.cell);
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "{}", crate::t!("facts-cell-by-labels", cell = cell, row = r, column = c)),
            _ => write!(f, "{cell}"),
        }
    }
}

/// One sheet: values and formulas by absolute (row, column), zero-based.
struct Sheet {
    name: String,
    values: Range<Data>,
    formulas: Option<Range<String>>,
}

/// A workbook read once, or why it could not be.
type Book = Result<Vec<Sheet>, String>;

/// Reads the cell of every pending fact and sets its value and source.
pub(super) fn resolve(facts: &mut Facts, pending: &[Pending], read: &mut ReadFile<'_>, errors: &mut Vec<Diagnostic>) {
    let mut books: BTreeMap<PathBuf, Book> = BTreeMap::new();
    for p in pending {
        match read_cell(p, read, &mut books) {
            Ok((value, source)) => {
                if let Some(fact) = facts.by_key.get_mut(&p.key) {
                    fact.value = value;
                    fact.source = Some(source);
                }
            }
            Err((message, help)) => errors.push(
                Diagnostic::error(crate::t!("facts-cell-error", key = &p.key, problem = message))
                    .code(Code::SourceCell)
                    .at(p.location.clone())
                    .help(help),
            ),
        }
    }
}

type CellError = (String, String);

fn read_cell(
    p: &Pending,
    read: &mut ReadFile<'_>,
    books: &mut BTreeMap<PathBuf, Book>,
) -> Result<(FactValue, CellSource), CellError> {
    let spec = &p.spec;
    let rel = Path::new(&spec.file);
    let inside = rel.is_relative()
        && rel.components().all(|c| matches!(c, std::path::Component::Normal(_)))
        && !spec.file.contains('\\');
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !inside || !EXTENSIONS.contains(&ext.as_str()) {
        return Err((
            crate::t!("facts-not-a-spreadsheet", file = &spec.file, folder = DATA_DIR),
            crate::t!("facts-not-a-spreadsheet-help", folder = DATA_DIR),
        ));
    }
    let path = Path::new(DATA_DIR).join(rel);
    let shown = crate::diagnostics::slash_path(&path);
    let book = books.entry(path.clone()).or_insert_with(|| open(&path, &ext, read));
    let sheets =
        book.as_ref().map_err(|e| (crate::t!("facts-cannot-read", file = &shown, reason = e), open_help(&ext)))?;
    let sheet = match (&spec.sheet, ext.as_str()) {
        (Some(_), "csv") => {
            return Err((crate::t!("facts-csv-no-sheets", file = &shown), crate::t!("facts-csv-no-sheets-help")));
        }
        (None, "csv") => &sheets[0],
        (None, _) => {
            return Err((
                crate::t!("facts-which-sheet", file = &shown),
                crate::t!("facts-which-sheet-help", sheets = names(sheets)),
            ));
        }
        (Some(name), _) => sheets.iter().find(|s| &s.name == name).ok_or_else(|| {
            (
                crate::t!("facts-no-such-sheet", file = &shown, sheet = name),
                crate::t!("facts-no-such-sheet-help", sheets = names(sheets)),
            )
        })?,
    };
    // the sheet (or the .csv file) in messages: `content/data/thong-ke.xlsx`, sheet "Bảng 2.1"
    let table = match &spec.sheet {
        Some(s) => crate::t!("facts-sheet-of", file = format!("`{shown}`"), sheet = s),
        None => format!("`{shown}`"),
    };
    let at = match (&spec.cell, &spec.row, &spec.column) {
        (Some(cell), None, None) => a1(cell).ok_or_else(|| {
            (crate::t!("facts-not-a-cell-address", cell = cell), crate::t!("facts-not-a-cell-address-help"))
        })?,
        (None, Some(row), Some(column)) => find_by_labels(sheet, row, column, &table)?,
        _ => {
            return Err((crate::t!("facts-cell-or-labels"), crate::t!("facts-cell-or-labels-help")));
        }
    };
    let address = address(at);
    let place = crate::t!("facts-cell-of", table = &table, cell = &address);
    let value = number(sheet, at, &ext).map_err(|(m, h)| (format!("{place}: {m}"), h))?;
    Ok((
        value,
        CellSource {
            file: shown,
            sheet: spec.sheet.clone(),
            cell: address,
            row: spec.row.clone(),
            column: spec.column.clone(),
        },
    ))
}

fn names(sheets: &[Sheet]) -> String {
    sheets.iter().map(|s| format!("\"{}\"", s.name)).collect::<Vec<_>>().join(", ")
}

fn open_help(ext: &str) -> String {
    match ext {
        "csv" => crate::t!("facts-open-csv-help"),
        _ => crate::t!("facts-open-help", folder = DATA_DIR, ext = ext),
    }
}

fn open(path: &Path, ext: &str, read: &mut ReadFile<'_>) -> Book {
    let bytes = read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => crate::t!("facts-no-such-file"),
        _ => e.to_string(),
    })?;
    let error = |e: calamine::Error| e.to_string();
    match ext {
        "csv" => csv_sheet(&bytes).map(|s| vec![s]),
        "xlsx" => sheets(calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| error(e.into()))?),
        _ => sheets(calamine::Ods::new(Cursor::new(bytes)).map_err(|e| error(e.into()))?),
    }
}

fn sheets<R: Reader<Cursor<Vec<u8>>>>(mut book: R) -> Book
where
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let values = book
            .worksheet_range(&name)
            .map_err(|e| crate::t!("facts-sheet-unreadable", sheet = &name, reason = e.to_string()))?;
        let formulas = book.worksheet_formula(&name).ok();
        out.push(Sheet { name, values, formulas });
    }
    if out.is_empty() {
        return Err(crate::t!("facts-book-no-sheet"));
    }
    Ok(out)
}

/// A .csv file as one sheet of texts.
fn csv_sheet(bytes: &[u8]) -> Result<Sheet, String> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
        .map_err(|e| crate::t!("facts-csv-not-utf8", byte = e.valid_up_to()))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0;
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        cells += record.len();
        if cells > MAX_SHEET_CELLS {
            return Err(crate::t!("facts-csv-too-many-cells", limit = MAX_SHEET_CELLS));
        }
        // the csv reader skips blank lines: the record's own line keeps the row numbers of the
        // file (a quoted field over several lines starts a row on its first line)
        let line = record.position().map_or(rows.len() + 1, |p| p.line() as usize);
        if line > MAX_SHEET_CELLS {
            return Err(crate::t!("facts-csv-too-many-lines", limit = MAX_SHEET_CELLS));
        }
        rows.resize(line.max(rows.len() + 1) - 1, Vec::new());
        rows.push(record.iter().map(str::to_string).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Err(crate::t!("facts-csv-empty"));
    }
    let mut values = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, text) in row.into_iter().enumerate() {
            if !text.is_empty() {
                values.set_value((r as u32, c as u32), Data::String(text));
            }
        }
    }
    Ok(Sheet { name: String::new(), values, formulas: None })
}

/// `C12` → (11, 2), zero-based; `None` when it is not an address.
pub fn a1(address: &str) -> Option<(u32, u32)> {
    let address = address.trim();
    let split = address.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = address.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 7 {
        return None;
    }
    let column = letters.bytes().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    let row: u32 = digits.parse().ok()?;
    ((1..=1_048_576).contains(&row) && column <= 16_384).then(|| (row - 1, column - 1))
}

/// (11, 2) → `C12`.
pub fn address((row, column): (u32, u32)) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

/// The crossing of the row holding the text `row` and the column holding the text `column`.
fn find_by_labels(sheet: &Sheet, row: &str, column: &str, table: &str) -> Result<(u32, u32), CellError> {
    let (height, width) = sheet.values.get_size();
    if height.saturating_mul(width) > MAX_SHEET_CELLS {
        return Err((
            crate::t!("facts-sheet-too-big", sheet = &sheet.name, limit = MAX_SHEET_CELLS),
            crate::t!("facts-sheet-too-big-help"),
        ));
    }
    let find = |label: &str| -> Vec<(u32, u32)> {
        let start = sheet.values.start().unwrap_or((0, 0));
        sheet
            .values
            .cells()
            .filter(|(_, _, v)| matches!(v, Data::String(s) if s.trim() == label.trim()))
            .map(|(r, c, _)| (start.0 + r as u32, start.1 + c as u32))
            .collect()
    };
    let one = |label: &str, is_row: bool, pick: fn((u32, u32)) -> u32| -> Result<u32, CellError> {
        let found = find(label);
        let mut lines: Vec<u32> = found.iter().map(|&p| pick(p)).collect();
        lines.dedup();
        match lines.as_slice() {
            [one] => Ok(*one),
            [] => Err((
                if is_row {
                    crate::t!("facts-no-row-label", label = label, table = table)
                } else {
                    crate::t!("facts-no-column-label", label = label, table = table)
                },
                crate::t!("facts-no-label-help"),
            )),
            _ => {
                let cells = found.iter().map(|&p| address(p)).collect::<Vec<_>>().join(", ");
                Err((
                    if is_row {
                        crate::t!("facts-row-label-twice", label = label, cells = cells, table = table)
                    } else {
                        crate::t!("facts-column-label-twice", label = label, cells = cells, table = table)
                    },
                    crate::t!("facts-label-twice-help"),
                ))
            }
        }
    };
    Ok((one(row, true, |p| p.0)?, one(column, false, |p| p.1)?))
}

/// The number in the cell at `at`.
fn number(sheet: &Sheet, at: (u32, u32), ext: &str) -> Result<FactValue, CellError> {
    let formula = sheet.formulas.as_ref().and_then(|f| f.get_value(at)).filter(|f| !f.is_empty());
    let value = sheet.values.get_value(at).unwrap_or(&Data::Empty);
    let number_help = || crate::t!("facts-cell-number-help");
    match value {
        Data::Int(i) => Ok(FactValue::Integer(*i)),
        Data::Float(x) if x.is_finite() => Ok(FactValue::from_f64(*x)),
        Data::Empty | Data::String(_) if formula.is_some() && value.to_string().is_empty() => Err((
            crate::t!("facts-formula-no-value", formula = formula.map_or("", |f| f.as_str())),
            crate::t!("facts-formula-no-value-help"),
        )),
        Data::Empty => Err((crate::t!("facts-cell-empty"), number_help())),
        Data::String(text) if ext == "csv" => csv_number(text)
            .map(FactValue::from_f64)
            .ok_or_else(|| (crate::t!("facts-csv-text", text = text), crate::t!("facts-csv-text-help"))),
        Data::String(text) => Err((crate::t!("facts-cell-text", text = text), number_help())),
        Data::Error(e) => {
            Err((crate::t!("facts-cell-error-value", error = e.to_string()), crate::t!("facts-cell-error-value-help")))
        }
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
            Err((crate::t!("facts-cell-date"), number_help()))
        }
        Data::Bool(b) => Err((crate::t!("facts-cell-bool", value = b.to_string()), number_help())),
        Data::Float(x) => Err((crate::t!("facts-cell-not-finite", value = x.to_string()), number_help())),
    }
}

/// A figure written in a CSV cell: `1234.5` (plain), `1.234,5` or `2,5` (the Vietnamese way:
/// a comma for decimals, dots between thousands), `1.234.567` (dots between thousands only).
pub fn csv_number(text: &str) -> Option<f64> {
    let t = text.trim().replace(' ', "");
    let plain = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.matches('.').count() > 1 {
        t.replace('.', "")
    } else {
        t
    };
    let valid =
        !plain.is_empty() && plain.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit() || c == '.');
    plain.parse::<f64>().ok().filter(|x| valid && x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_and_write_both_ways() {
        assert_eq!(a1("C12"), Some((11, 2)));
        assert_eq!(a1("aa1"), Some((0, 26)));
        assert_eq!(a1("B0"), None);
        assert_eq!(a1("12"), None);
        assert_eq!(a1("B7x"), None);
        assert_eq!(a1("ZZZZ1"), None);
        for at in [(0, 0), (11, 2), (6, 25), (0, 26), (99, 701), (0, 702)] {
            assert_eq!(a1(&address(at)), Some(at), "{}", address(at));
        }
    }

    #[test]
    fn csv_figures_read_plain_and_vietnamese() {
        assert_eq!(csv_number("1234.5"), Some(1234.5));
        assert_eq!(csv_number("1.234,5"), Some(1234.5));
        assert_eq!(csv_number("2,5"), Some(2.5));
        assert_eq!(csv_number("1.234.567"), Some(1234567.0));
        assert_eq!(csv_number(" -7 "), Some(-7.0));
        assert_eq!(csv_number("-"), None);
        assert_eq!(csv_number("inf"), None);
        assert_eq!(csv_number("12 ha"), None);
    }
}
