# Words every message uses: the severity before a finding, the labels of its lines.

severity-error = error
severity-warning = warning
label-help = help
label-note = note

# counts, with the plural the language wants
count-pages = { $n ->
    [one] { $n } page
   *[other] { $n } pages
}

# typst stopped by a bug of its own (a panic caught by baocao)
internal-error = typst stopped with an internal error while { $stage }: { $message }
internal-error-help = this is a bug in typst, set off by unusual text; look for invisible characters pasted into the sections (direction marks and overrides, joiners, control characters) and remove them
stage-writing-pdf = writing the PDF
stage-laying-out = laying out the document
