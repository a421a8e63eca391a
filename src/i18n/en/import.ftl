# Messages of src/import (see src/i18n/mod.rs).

## IMPORT.md, the import's report (src/import/summary.rs). `##` headings are Markdown.

import-md-title = # Imported from `{ $source }`
import-md-by-baocao = Written by baocao: sections, heading levels and figures read back from the marks it puts in its Word files.
import-md-converted = ## Converted
import-md-sections = { $n ->
    [one] { $n } section
   *[other] { $n } sections
}: { $files }
import-md-blocks = { $headings ->
    [one] { $headings } heading
   *[other] { $headings } headings
}, { $paragraphs ->
    [one] { $paragraphs } paragraph
   *[other] { $paragraphs } paragraphs
}, { $items ->
    [one] { $items } list item
   *[other] { $items } list items
} (`-`, `+`)
import-md-notes = { $notes ->
    [one] { $notes } footnote
   *[other] { $notes } footnotes
} as `[^n]` with their definitions; { $second ->
    [one] { $second } second reference
   *[other] { $second } second references
} (NOTEREF) to a note already referenced
import-md-facts-tagged = { $figures ->
    [one] { $figures } printed figure
   *[other] { $figures } printed figures
} tagged with their fact key, { $facts ->
    [one] { $facts } fact
   *[other] { $facts } facts
} in `content/facts/`
import-md-facts-found = { $figures ->
    [one] { $figures } figure with a unit or `%` became a fact
   *[other] { $figures } figures with a unit or `%` became facts
} ({ $facts } distinct) in `content/facts/*.yaml`: each key is made from the words before the figure; check the keys, units and meanings
import-md-tables = { $n ->
    [one] { $n } table as a Markdown table
   *[other] { $n } tables as Markdown tables
} (merged cells and widths are not kept)
import-md-all-fields = Every field was found on the first page (header table, type, summary) and the last (recipients, signer).
import-md-missing-fields = Not found, filled with a placeholder marked `KHÔNG TÌM THẤY` in report.yaml: { $fields }.
import-md-not-converted = ## Not converted
import-md-images = { $n ->
    [one] { $n } image
   *[other] { $n } images
} (pictures are not part of a baocao project)
import-md-text-box = a text box: "{ $text }"
import-md-equations = { $n ->
    [one] { $n } equation
   *[other] { $n } equations
}
import-md-objects = { $n ->
    [one] { $n } embedded object
   *[other] { $n } embedded objects
}
import-md-endnotes = endnotes (only footnotes are imported)
import-md-fields = { $n ->
    [one] { $n } `{ $name }` field
   *[other] { $n } `{ $name }` fields
} kept as the text shown
import-md-unreferenced-notes = { $n ->
    [one] { $n } footnote that nothing references
   *[other] { $n } footnotes that nothing references
}
import-md-after-signature = after the signature: "{ $text }"
import-md-nothing-skipped = Nothing: no image, text box, equation, field or endnote.
import-md-tracked-changes = ## Tracked changes
import-md-none = None.
import-md-changes-accepted = Applied as accepted (`--accept-changes`): insertions kept, deletions left out.
import-md-changes-not-applied = Not applied: the text is as it was before them. Import again with `--accept-changes` to accept them all.
import-md-change = { $kind ->
    [inserted] inserted
   *[deleted] deleted
} by { $author } on { $date }: "{ $text }"
import-md-comments = ## Comments
import-md-comments-listed = Comments are not part of the project; they are listed here to act on.
import-md-comment = { $author } on { $date }, on "{ $anchor }": { $text }
import-unknown = (unknown)

## Reading the Word file (src/import)

import-no-text = the document has no text to import (no paragraph after the first page's block)
import-no-text-help = check that this is the report's Word file
import-too-large-help = a report is tens of pages; this document is far larger than a project may be (see the README, "Limits"): import its parts separately
import-text-too-large = the document's text is { $size } MB; a project holds at most { $max } MB
import-file-too-large = `{ $path }` would be { $size } MB; a file holds at most { $max } MB
import-too-many-elements = the document has { $n } paragraphs, headings and notes; a report holds at most { $max }
import-cannot-read = cannot read `{ $path }`: { $error }
import-cannot-read-help = check the path; a .docx of a report is a few hundred KB
import-docx-too-large = the file is larger than { $max } MB
import-docx-too-large-help = a report's Word file is a few hundred KB; remove the large images, or split the document
import-docx-encrypted = the Word file is protected by a password (its content is encrypted)
import-docx-encrypted-help = open it in Word, remove the password (File › Info › Protect Document › Encrypt with Password, empty the box), save, and import that copy
import-doc = this is a Word 97–2003 document (.doc), not a .docx
import-doc-help = save it as .docx (Word: File › Save As › Word Document; or `soffice --headless --convert-to docx FILE.doc`)
import-not-docx = the file is not a Word document (.docx is a zip; this is not one)
import-not-docx-help = give a .docx saved by Word or LibreOffice; a .doc, .rtf or .odt can be saved as .docx first
import-bad-zip = the .docx cannot be opened as a zip ({ $error })
import-bad-zip-help = the file is damaged or incomplete: save it again from Word or LibreOffice
import-too-many-parts = the .docx holds { $n } parts; the limit is { $max }
import-too-many-parts-help = this is not an ordinary Word file (see the README, "Limits")
import-no-document = the zip holds no Word document (`{ $part }` is missing)
import-no-document-help = give a .docx (a Word document); an .odt or .xlsx cannot be imported
import-part-unreadable = the part `{ $name }` cannot be read ({ $error })
import-part-unreadable-help = the file is damaged or protected: save it again from Word or LibreOffice
import-part-unpack = the part `{ $name }` cannot be unpacked ({ $error })
import-save-again-damaged = the file is damaged: save it again from Word or LibreOffice
import-part-too-large = the part `{ $name }` unpacks to more than { $size } MB (the limit for one part is { $part } MB, for all { $all } MB)
import-part-too-large-help = a document this long is far beyond a report (see the README, "Limits"): split it
import-part-not-utf8 = the part `{ $name }` is not UTF-8 XML
import-save-again = save the file again from Word or LibreOffice
import-bad-xml = `{ $part }` is not well-formed XML ({ $error })
import-bad-xml-help = the file is damaged: open it in Word or LibreOffice and save it again
import-no-body = the Word document has no body (`w:body`)
import-footnote-reference = (a footnote reference)

## A returned draft (`import --into`): edits not applied

import-draft-block-kept = a block removed in Word was kept: "{ $text }"
import-draft-field-differs = `{ $field }` reads "{ $word }" in the Word file, "{ $project }" in content/report.yaml: change report.yaml by hand if it should
import-draft-computed = `{ $old }` → `{ $new }`: this figure is computed ({ $expression }); change the facts it is computed from
import-draft-nested = a change in a quote, code or nested list was not applied: "{ $text }"
import-draft-note-paragraphs = note { $label }: paragraphs added or removed in Word; its text was not changed
import-draft-not-a-number = `{ $old }` → `{ $new }` ({ $key }): not a number as the report prints one
import-draft-conflict = `{ $key }` was changed to different values in different places; it was not changed
import-draft-no-value-line = `{ $key }`: no `value:` line found under it in `{ $path }`

# the kind of a tracked change
import-change-inserted = inserted
import-change-deleted = deleted
