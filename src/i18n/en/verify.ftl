# Messages of src/verify (see src/i18n/mod.rs).

# how a project's input differs from the PDF's (a column 8 wide)
verify-change-changed = changed
verify-change-added = added
verify-change-missing = missing

verify-problem = problem: { $problem }
verify-project-differs = the project `{ $project }` differs from the sources in the PDF:

# the verdict, last line of `baocao verify`
verify-verdict-verified = verified: `{ $pdf }` is exactly what its sources produce
verify-verdict-verified-project = verified: `{ $pdf }` is exactly what its sources produce, and they are the inputs in `{ $project }`
verify-verdict-project-differs = not verified: `{ $pdf }` is what its own sources produce, but the project differs from them
verify-verdict-cannot-tell = cannot tell: `{ $pdf }` could not be rebuilt from its sources here, so whether it is what they produce is not known
verify-verdict-not-verified = not verified: `{ $pdf }`

verify-cannot-read = cannot read `{ $path }`: { $error }
verify-cannot-read-help = check that the file exists, is readable, and is a PDF of reasonable size

verify-encrypted = the PDF is encrypted: baocao never encrypts its PDFs, so this one was rewritten after it was built (its bytes cannot be the build's)
verify-no-manifest = the PDF carries no { $manifest }: it was built with `--no-sources` or not by baocao, so it cannot be rebuilt from its sources
verify-too-many-attachments = { $manifest } lists { $inputs } inputs and { $fonts } fonts, more than the { $max } a PDF may carry (see the README, "Limits"): it is not a baocao build's
verify-check-manifest = { $manifest }: built by baocao { $baocao } with typst { $typst }, { $standard }, { $inputs } inputs, { $fonts } fonts
verify-not-rebuilt-paths = the PDF was not rebuilt: its manifest names files outside a project
verify-not-rebuilt-no-fonts = the PDF was not rebuilt: { $manifest } lists no fonts, and a baocao build always has some
verify-not-rebuilt-asked = not rebuilt (asked not to)
verify-not-rebuilt-sources = the PDF was not rebuilt: its attached sources are not the ones its manifest lists
verify-unsafe-path = `{ $path }` in { $manifest } is not a path inside a project; the PDF is not a baocao build
verify-not-attached = `{ $name }` is listed in { $manifest } but not attached
verify-hash-mismatch = `{ $name }`: the attached file does not match its SHA-256 in { $manifest } (the PDF was altered after it was built)
verify-not-listed = `{ $name }` is attached but not listed in { $manifest }
verify-check-attached = attached sources: all { $n } match their SHA-256 in { $manifest }
verify-other-versions = note: this is baocao { $baocao } with typst { $typst }; the PDF was built by baocao { $pdf_baocao } with typst { $pdf_typst }, which may lay out differently
verify-check-fonts = fonts: all { $n } found by SHA-256
verify-sources-do-not-build = the attached sources do not build:
    { $errors }
verify-check-identical = rebuilt from the attached sources: identical, { $bytes } bytes
verify-differs = rebuilt from the attached sources, the PDF differs: { $rebuilt } bytes rebuilt against { $file } in the file, first difference at byte { $first }

## Reading a PDF's attached files (src/pdf_read.rs)

pdf-read-help = the file is damaged or not a PDF; ask for the PDF again, or open it in a PDF reader to see whether it shows
pdf-read-reader-stopped = not a readable PDF (the PDF reader stopped on it: { $message })
pdf-read-stream-too-large = not a readable PDF: one of its streams is larger than { $size } once decompressed (the limit, see the README, "Limits")
pdf-read-encrypted = the PDF is encrypted with a password, so its attached files cannot be read; baocao never encrypts its PDFs: verify the PDF as `baocao build` wrote it
pdf-read-unreadable = not a readable PDF: { $error }
pdf-read-no-catalog = the PDF has no catalog: { $error }
pdf-read-attachments-too-large = the attached files are larger than { $size } together once decompressed (the limit, see the README, "Limits")
pdf-read-nested-too-deeply = the PDF's attachment list is nested too deeply
pdf-read-too-many-attachments = the PDF carries more than { $max } attached files (the limit, see the README, "Limits")
pdf-read-broken-entry = broken attachment entry: { $error }
pdf-read-list-loops = the PDF's attachment list refers back to itself
pdf-read-broken-list = broken attachment list: { $error }
pdf-read-attachment-no-name = an attached file has no name (or one that is not text)
pdf-read-attachment-no-content = the attached file `{ $name }` has no content: { $error }
pdf-read-attachment-too-large = the attached file `{ $name }` is larger than { $size } once decompressed (the limit for an attached file, see the README, "Limits")
pdf-read-attachment-unreadable = the attached file `{ $name }` cannot be read: { $error }

## Reading a PDF's printed text (src/pdf_text)

pdf-text-not-a-pdf = not a PDF file
pdf-text-encrypted = the PDF is protected by a password
pdf-text-too-large = the PDF is too large to read ({ $size } MB; at most { $max } MB)
pdf-text-damaged = the PDF is damaged: { $what }
pdf-text-no-text = the PDF has no text to read (only images, or blank pages)
pdf-text-not-a-pdf-help = choose the PDF itself; a Word file (.docx) must first be saved as PDF (File → Save As → PDF)
pdf-text-encrypted-help = open it with its password and save an unprotected copy (Print → Save as PDF), then use that copy
pdf-text-too-large-help = a report is a few megabytes; export it again without scanned annexes, or compress its images
pdf-text-damaged-help = the file may have been cut short while copying or downloading: get a fresh copy from its sender or export it again
pdf-text-no-text-help = this looks like a scan: compare against the PDF exported from the document itself, or run OCR on it first
pdf-text-cut-short = the file ends before the PDF does (no `%%EOF` at its end)
pdf-text-unknown-error = unknown error
pdf-text-reader-stopped = the PDF reader stopped on it ({ $message })
pdf-text-no-xref = its page list and cross-reference table cannot be read
pdf-text-too-many-glyphs = page { $page } draws more than { $max } glyphs

verify-fonts-missing = cannot rebuild: { $n ->
    [one] { $n } of the fonts the PDF was built with is
   *[other] { $n } of the fonts the PDF was built with are
} neither built into baocao nor in { $dirs } (looked up by SHA-256):
    { $fonts }
        pass `--project DIR` with the report's fonts/, or run in its project folder
verify-attached-sources = the sources attached to the PDF

## `baocao facts index` for people (src/fact_index.rs); labels in a column 8 wide

index-estimate = estimate (ước)
index-target = target (mục tiêu)
index-defined = defined
index-from = from
index-derived = derived
index-check = check
index-tolerance = tolerance ±{ $tolerance }
index-printed = printed
index-nowhere = nowhere
index-page = page { $page }
index-page-unknown = page ?
index-summary = { $facts ->
    [one] { $facts } fact
   *[other] { $facts } facts
}, { $printings ->
    [one] { $printings } printing
   *[other] { $printings } printings
} on { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}; { $unused } never printed

verify-manifest-unreadable = manifest.json cannot be read: { $error }
verify-manifest-unreadable-help = the PDF's manifest was written by another program, or altered: its sources cannot be checked
