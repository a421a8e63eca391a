//! Resource limits: how much input baocao accepts before it stops with a message.
//!
//! Content is pasted from Word and e-mail by many hands; a stray 50 MB paste, a list nested ten
//! thousand deep or a YAML "billion laughs" must fail fast with a message that names the file
//! (and line), not hang the build, exhaust memory or overflow the stack. Each limit sits far above
//! what an official report needs (the Hải Dương mid-term report: 170 KB of sections, 67 notes,
//! nesting depth 3, 405 Markdown elements) and far below what makes typst or the converter slow.
//! The figures below were measured on the dev profile (2 cores): typst lays out about 1 MB of
//! Markdown text per 1.5 s (≈260 pages, ≈200 MB of memory), and about 1 000 footnotes per second.
//!
//! The README lists the same limits for users.

/// The largest text input file (a section, a facts file, report.yaml, the template): 4 MiB,
/// about 1 000 pages of text (≈6 s of layout). Larger files are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The most text a project may hold in all its text input files together: 8 MiB (≈2 000
/// pages, ≈12 s and ≈1.7 GB of memory to lay out).
pub const MAX_PROJECT_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// The largest font file: 64 MiB (large CJK fonts are 20–30 MB).
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The most font data a project may hold in `fonts/`: 256 MiB.
pub const MAX_FONTS_BYTES: u64 = 256 * 1024 * 1024;

/// The most YAML values one file may expand to, aliases (`*name`) counted at every use.
/// A real facts file has a few thousand; the "billion laughs" and the quadratic alias bomb (a
/// 150 KB file that expands to 10⁹ values) stop here in well under a second.
pub const MAX_YAML_VALUES: usize = 1_000_000;

/// The most values report.yaml may hold (it has about 40): each list entry is a line of the
/// first or last page, so 400 000 recipients (within 4 MB) would be 400 000 lines to lay out.
pub const MAX_REPORT_VALUES: usize = 1_000;

/// The deepest nesting of Markdown elements: block quotes, list items, emphasis, links, headings,
/// table cells and notes inside notes, each open element counting one. typst itself stops at
/// 17 nested block quotes ("maximum show rule depth exceeded", far from the Markdown line), and the
/// converter writes notes inside notes by recursion; this limit comes first, with the section's
/// file and line. A report needs 2 or 3.
pub const MAX_NESTING: usize = 12;

/// The most Markdown elements in the whole narrative: paragraphs, headings, list items,
/// quotes, emphasis, links, table rows and cells, code, line breaks, rules and note references,
/// each counting one. typst's time and memory grow with them, not only with the text: within
/// 4 MB, a million one-letter paragraphs, headings or list items took typst over two minutes and
/// 6–15 GB; 20 000 take 1–3 s (a 6 700-row table about 2 s). The Hải Dương report has 405.
pub const MAX_ELEMENTS: usize = 20_000;

/// The longest paragraph (or heading, list item, table cell, line of code): 64 KiB of text.
/// typst's time for a paragraph grows with the square of its length: 200 KB took 0.9 s,
/// 400 KB 2.6 s, and a 3.9 MB paste on one line over two minutes. 64 KiB take 0.3 s; the
/// longest paragraph of the Hải Dương report is 5 KB.
pub const MAX_PARAGRAPH_BYTES: usize = 64 * 1024;

/// The most footnote definitions, and the most footnote references, in the whole narrative
/// (each reference is a typst footnote to lay out: 5 000 take about 5 s).
pub const MAX_FOOTNOTES: usize = 5_000;

/// The largest PDF baocao reads (`verify`, `diff` of PDFs, their printed text): 64 MiB. A report
/// at the limits above (8 MiB of text, about 2 000 pages) typesets to about 30 MB with its
/// sources attached (the Hải Dương report: 530 KB for 32 pages, 104 KB of it the compressed
/// sources); a Word export with photographs stays well below. The whole file is read and parsed
/// in memory, and the time to read its text grows with its size.
pub const MAX_PDF_BYTES: u64 = 64 * 1024 * 1024;

/// The most any one stream of a PDF may decompress to while `verify` loads it (object and
/// cross-reference streams; typst writes a few hundred KB): 64 MiB. A crafted stream of a few
/// KB can inflate to gigabytes.
pub const MAX_PDF_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// The most files a PDF may carry for `verify`, and the most inputs its manifest may list: a
/// build attaches report.yaml, the facts files, the sections, the template and manifest.json
/// (the Hải Dương report: 35). Each entry costs a decompression and a hash.
pub const MAX_PDF_ATTACHMENTS: usize = 10_000;

/// The largest attached file `verify` reads back, decompressed: as large as an input file may
/// be ([`MAX_FILE_BYTES`]); manifest.json is a few KB.
pub const MAX_PDF_ATTACHMENT_BYTES: usize = MAX_FILE_BYTES as usize;

/// All attached files together, decompressed: the most text a project may hold
/// ([`MAX_PROJECT_TEXT_BYTES`]) and as much again for the manifest and slack. A name tree may
/// point at one large file many times; this bounds the memory it takes.
pub const MAX_PDF_ATTACHED_BYTES: usize = 2 * MAX_PROJECT_TEXT_BYTES as usize;

/// The most glyphs `pdf_text` collects from one page: 200 000. A dense A4 page of 10 pt text
/// has about 6 000; a page that draws more (a content stream that repeats a text operator in a
/// loop of forms) is refused as damaged rather than allowed to exhaust memory.
pub const MAX_PDF_PAGE_GLYPHS: usize = 200_000;

/// The longest relation expression (`derived:` or `check:` of a fact): 1 000 bytes. A real one
/// is under 200 (`sum(a.x, a.y, a.z)`); a longer one is a paste, not arithmetic.
pub const MAX_EXPRESSION_BYTES: usize = 1_000;

/// The deepest nesting of a relation expression (brackets, calls, signs): 32. The parser
/// recurses once per level; a report needs 3.
pub const MAX_EXPRESSION_DEPTH: usize = 32;

/// The largest spreadsheet a fact may read a cell from (.xlsx, .ods, .csv): 16 MiB. A
/// statistics yearbook's tables are a few hundred KB; a workbook is unzipped and parsed whole
/// when it is read, so a larger one is refused before it is opened.
pub const MAX_SPREADSHEET_BYTES: u64 = 16 * 1024 * 1024;

/// The most cells baocao scans in one sheet when it looks a cell up by its row and column
/// labels: 1 000 000 (a sheet of 1 000 rows × 1 000 columns).
pub const MAX_SHEET_CELLS: usize = 1_000_000;

/// The largest .docx `baocao import` reads: 64 MiB. The real report's Word file is 67 KB; a
/// report with photographs may reach a few megabytes. Larger files are refused before they are
/// read.
pub const MAX_DOCX_BYTES: u64 = 64 * 1024 * 1024;

/// The most entries a .docx's zip may hold: 10 000 (a Word file has 10 to 30 parts, and one more
/// per image). A zip of a million empty entries is refused before any is read.
pub const MAX_DOCX_ENTRIES: usize = 10_000;

/// The most bytes one XML part of a .docx may unpack to: 48 MiB (the real report's
/// document.xml is 240 KB, about 7 KB a page, so this is some 7 000 pages). Each part is read
/// through a counter that stops at the limit, whatever size the zip's header claims, so a zip
/// bomb (a few KB that unpack to gigabytes) stops here.
pub const MAX_DOCX_PART_BYTES: u64 = 48 * 1024 * 1024;

/// The most bytes all the parts `import` reads may unpack to together: 96 MiB.
pub const MAX_DOCX_UNPACKED_BYTES: u64 = 96 * 1024 * 1024;

/// The largest request body `serve` reads: a saved section or facts file is at most
/// [`MAX_FILE_BYTES`] of text, which JSON quoting may grow (a quote or a backslash becomes two
/// bytes, a control character six); 2 × that and 64 KiB for the rest of the request. A larger
/// body is refused (413) before it is read.
pub const MAX_REQUEST_BYTES: u64 = 2 * MAX_FILE_BYTES + 64 * 1024;

/// The largest PDF the workspace accepts to compare (uploaded from the browser): 64 MiB. An
/// issued report with scanned annexes may be tens of megabytes; the 33-page report is 0.5 MB.
/// `diff` reads PDFs up to [`MAX_PDF_BYTES`] from disk.
pub const MAX_UPLOAD_BYTES: u64 = 64 * 1024 * 1024;

/// The longest request target (path and query) `serve` accepts: 8 KiB. Its longest real one is a
/// comparison of two versions named by folder or revision (a few hundred bytes).
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// How many requests `serve` answers at once: 32 (each on a thread of its own). A browser opens
/// about 6 connections per site, a page of the workspace asks for its pages a few at a time;
/// past this a request is answered 503 at once rather than queued without end.
pub const MAX_REQUESTS_AT_ONCE: usize = 32;

/// How many browser tabs may follow the builds at once (each holds a connection and a thread
/// open for as long as it is open): 8.
pub const MAX_EVENT_STREAMS: usize = 8;
