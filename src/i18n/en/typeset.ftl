# Messages of src/typeset (see src/i18n/mod.rs).

typeset-template-variables-help = the template may use `report.*` (report.yaml, plus number_line, place_date_line, title, keywords) and `sections`; see docs/content-format.md
typeset-template-error = in the layout template: { $message }
typeset-template-error-help = check { $path }
typeset-bad-epoch = SOURCE_DATE_EPOCH={ $epoch } is not a date typst can write
typeset-bad-epoch-help = give seconds since 1970-01-01 UTC for a year between 1 and 9999, or unset it
typeset-from-section = from this place in the section
typeset-error-help = if the error is in a section, check the text there; if it is in the template, check templates/report.typ.tera
typeset-no-packages = packages are not available: baocao builds offline

## The writers (src/writer)

writer-docx-failed = the Word file could not be written: { $what }
writer-docx-failed-help = this is a bug in baocao; the PDF is not affected (`--format pdf`)
