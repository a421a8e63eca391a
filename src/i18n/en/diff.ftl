# Messages of src/diff (see src/i18n/mod.rs).

## The diff for people (`baocao diff`); the JSON output is not translated.

diff-heading-summary = Summary
diff-heading-metadata = Metadata
diff-heading-facts = Facts
diff-heading-text = Text
diff-heading-footnotes = Footnotes
diff-heading-layout = Layout:
diff-layout-differs = { $path } differs (the PDF looks different)

# the names of the summary's lines (at most 10 characters)
diff-summary-metadata = metadata
diff-summary-facts = facts
diff-summary-text = text
diff-summary-footnotes = footnotes
diff-summary-layout = layout
diff-summary-no-changes = no changes

# counts on the summary's lines
diff-count-changed = { $n } changed
diff-count-added = { $n } added
diff-count-removed = { $n } removed
diff-count-renamed = { $n } renamed
diff-count-moved = { $n } moved
diff-count-renumbered = { $n } renumbered
diff-count-edits = { $n ->
    [one] { $n } edit
   *[other] { $n } edits
}
diff-count-edits-in-facts = { $n ->
    [one] { $n } edit
   *[other] { $n } edits
} ({ $facts } in printed facts)

# a fact's change (the first word in a column 8 wide)
diff-fact-changed = changed
diff-fact-added = added
diff-fact-removed = removed
diff-fact-renamed = renamed
diff-fact-field-changed = { $field } changed
diff-fact-from = from
diff-fact-derived = derived
diff-fact-not-printed = not printed
diff-fact-printed-at = printed at
diff-fact-was-printed-at = was printed at

# a page of the PDF, and a place in the OLD version
diff-page = p.{ $page }
diff-in-old = OLD { $place }
diff-blank = (blank)

diff-text-moved-from = moved from
diff-text-paragraph-added = + paragraph:
diff-text-paragraph-removed = - paragraph:

# a footnote's change (the first word in a column 11 wide)
diff-note-renumbered = renumbered
diff-note-added = added
diff-note-removed = removed
diff-note-changed = changed
diff-note-was = was [^{ $number }]
diff-notes-renumbered-count = { $n ->
    [one] { $n } note
   *[other] { $n } notes
}, text unchanged

# how a PDF version is compared
diff-pdf-verified = { $source }: verified against its attached sources; compared by its sources
diff-pdf-does-not-match = { $source }: does not match its attached sources ({ $why }); compared as printed
diff-pdf-no-sources = { $source }: no sources attached; compared as printed
diff-pdf-not-the-same = rebuilt from them, it is not the same PDF
diff-pdf-do-not-build = they do not build: { $error }
diff-pdf-cannot-compare = { $help } — it cannot be compared

diff-no-file = `{ $arg }` does not exist or is not a file
diff-no-pdf-help = give the path of the PDF (an issued report, or one built by `baocao build`)
diff-no-docx-help = give the path of a .docx (a report sent out as Word, or returned with edits)
diff-not-a-version = `{ $arg }` is neither a PDF, a project folder nor a revision of the git repository at `{ $repository }`
diff-not-a-version-help = give a PDF, a folder holding content/, or a commit, tag or branch such as `HEAD~1` (see `git log --oneline`)
diff-cannot-read = cannot read `{ $arg }`: { $error }
diff-cannot-read-help = check the path, and that the file is a PDF of reasonable size
diff-redline-no-sources = the redline marks the changes on NEW's sources, and NEW has none
diff-redline-no-sources-help = give as NEW a project folder, a revision or a PDF built by baocao with its sources
