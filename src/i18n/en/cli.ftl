# Messages of src/cli (see src/i18n/mod.rs).

## --help: the commands, the arguments, clap's own texts

cli-about = Build official Vietnamese government reports from YAML facts and Markdown narrative.
cli-heading-usage = Usage
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-value-command = COMMAND
cli-value-options = OPTIONS
cli-possible-values = possible values
cli-default-value = default
cli-arg-help = Print help (see more with '--help')
cli-arg-version = Print version
cli-help-about = Print this message or the help of the given subcommand(s)
cli-arg-help-command = Print help for the subcommand

cli-arg-quiet = Print only errors and warnings: no status lines, no progress.
cli-arg-color = Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.
cli-arg-lang = The language of messages: vi (tiếng Việt) or en. Without it: vi when the locale is Vietnamese (LANG=vi_VN.UTF-8), else the project's `language:` in report.yaml, else en.
cli-arg-project = The report project (holds content/, templates/, fonts/).

cli-build-about = Build the report PDF (build-output/report.pdf) and the generated typst source beside it.
cli-build-long-about = Build the report PDF (build-output/report.pdf) and the generated typst source beside it.

    The PDF is byte-reproducible (its date is the report's date, or SOURCE_DATE_EPOCH when set), PDF/A, and carries its sources and a manifest.json as attachments.
cli-arg-build-output = Where to write the PDF, or the Word file when FILE ends in .docx (the other format, if asked for, goes beside it) [default: DIR/build-output/report.pdf].
cli-arg-build-format = What to write: pdf, docx (a Word file in the same layout, with real footnotes), or both (`pdf,docx`) [default: pdf, or docx when -o ends in .docx].
cli-arg-build-pdf-standard = The PDF standard to meet [default: a-3b, or a-2b with --no-sources].
cli-arg-build-no-sources = Leave the sources (report.yaml, facts, sections, template) and manifest.json out of the PDF.
cli-arg-build-timings = Print how long each stage took (load, facts, check, tera, Markdown → typst, template, typst compile, PDF export, write) on stderr.

cli-watch-about = Build, then rebuild on every change under content/, templates/ and fonts/ (Ctrl-C stops).
cli-arg-watch-output = Where to write the PDF [default: DIR/build-output/report.pdf].
cli-arg-watch-timings = Print the stage timings after each rebuild.

cli-init-about = Create a new report project in DIR (a new or empty folder): report.yaml, a facts file, two sections, the layout template and the fonts, ready to build.
cli-arg-init-dir = The folder to create the project in.

cli-check-about = Check the report for mistakes: undefined or unused facts, footnotes, heading numbers, Vietnamese typography, characters the fonts cannot show. Exit 0 when there is no error, 1 when there is one (or a warning, with --deny-warnings), 2 on a usage error.
cli-arg-check-format = `human`: findings on stderr with snippets; `json`: the report on stdout, in the versioned format of docs/check-json.md.
cli-arg-check-deny-warnings = Fail (exit 1) on warnings too, not only on errors.
cli-arg-check-write-baseline = Record the current warnings as known in content/check-baseline.yaml (reasons already written there are kept): later check, build and watch report only new ones.

cli-diff-about = Compare two versions of the report: metadata, facts (with every place they are printed), the text as printed, footnotes. Exit status: 0 identical, 1 different, 2 error.
cli-arg-diff-old = The old version: a PDF (an issued report, or one built by baocao), a Word file (.docx), a project folder, or a git revision (`HEAD~1`, a tag, a commit); a folder wins over a revision of the same name.
cli-arg-diff-new = The new version: a PDF, a Word file (.docx), a project folder, or a git revision.
cli-arg-diff-format = How to print the differences on stdout: `human` (summary, then details) or `json` (schema in docs/diff-json.md).
cli-arg-diff-redline = Also write a redline PDF: the new report with insertions, deletions and changed facts marked (NEW must have sources: a folder, a revision or a PDF built by baocao).
cli-arg-diff-project = The folder whose git repository revisions are read from (the project is the same folder in each revision); its fonts/ also serve to rebuild a PDF from its attached sources.

cli-verify-about = Check that a PDF is exactly what its attached sources produce (rebuild and compare bytes).
cli-verify-long-about = Check that a PDF is exactly what its attached sources produce (rebuild and compare bytes).

    Exit status 0: verified; 1: not verified (altered, or not what its sources produce); 3: cannot tell (no sources attached, a font that is nowhere, sources that do not build).
cli-arg-verify-pdf = The PDF to check (built by `baocao build`).
cli-arg-verify-project = A project to compare with: lists its inputs that differ from the PDF's. Its fonts/ are used for the rebuild [default: fonts are looked up in ./fonts].

cli-import-about = Make a project of a Word file (`import FILE.docx DIR`), or apply a draft returned as .docx to the project it came from (`import FILE.docx --into DIR`).
cli-import-long-about = Make a project of a Word file (`import FILE.docx DIR`), or apply a draft returned as .docx to the project it came from (`import FILE.docx --into DIR`).

    Writes IMPORT.md in the project: what was converted and what was not (tables, images, text boxes, fields, comments, tracked changes).
cli-arg-import-file = The Word file (.docx).
cli-arg-import-dir = The folder of the new project (new or empty).
cli-arg-import-into = Apply FILE (a draft sent out as .docx and returned with edits) to the project it came from: changed figures become fact changes, changed text section edits.
cli-arg-import-accept-changes = Apply the tracked changes (insertions and deletions) as accepted; without it they are listed and the text is read as it was before them.
cli-arg-import-dry-run = Show what would be written (the import's report; with --into, the changes as `diff` shows them), write nothing.

cli-facts-about = List every fact: value, unit, period, estimate/target flags, and every place it is printed (section file:line and page number).
cli-arg-facts-format = Output format (on stdout).

cli-serve-about = Open the workspace in the browser: the pages as they are built, facts, sections, findings and comparisons, with editing. Prints the address (with its secret token) to open.
cli-arg-serve-port = The port to listen on [default: the first free one from 8640].
cli-arg-serve-open = Open the default browser at the workspace's address.
cli-arg-serve-host = Listen on another address than 127.0.0.1 (this computer only). Anyone who can reach that address and learns the token can then read and edit the report: a warning is printed. 0.0.0.0 and :: (every address at once) are refused: name the one address.

## errors of the command line (English keeps clap's own; these are used under --lang vi)

cli-error-unknown-argument = unknown option `{ $arg }`
cli-error-unknown-command = unknown command `{ $command }`
cli-error-missing-value = `{ $arg }` needs a value
cli-error-invalid-value = `{ $value }` is not a value `{ $arg }` accepts; possible values: { $allowed }
cli-error-bad-value = `{ $value }` is not a valid value for `{ $arg }`
cli-error-number-of-values = wrong number of values for `{ $arg }`
cli-error-conflict = `{ $arg }` cannot be used together with `{ $other }`
cli-error-missing-argument = missing: { $arg }
cli-error-missing-command = give a command, e.g. `baocao build`
cli-error-invalid-utf8 = an argument is not valid text (UTF-8)
cli-error-other = the command line is not valid
cli-error-did-you-mean = did you mean `{ $suggestion }`?
cli-error-see-help = see `{ $help }`

## what the commands print

cli-cannot-write-output = cannot write the output: { $error }
cli-failed = { $what } ({ $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}){ $after }
cli-word-check = check:
cli-word-created = created
cli-word-next = next:
cli-word-wrote = wrote
cli-word-diff = diff:
cli-word-dry-run = dry run:
cli-word-imported = imported
cli-word-applied = applied

cli-init-created = a new report project in { $dir } ({ $n ->
    [one] { $n } file
   *[other] { $n } files
})
cli-init-next = cd { $dir } && baocao build   (or: baocao build --project { $dir })
cli-init-not-a-folder = `{ $path }` exists and is not a folder
cli-init-not-a-folder-help = choose a new folder name: `{ $example }`
cli-init-not-empty = `{ $path }` is not empty; baocao { $command } only creates a project in a new or empty folder
cli-init-not-empty-help = choose a new folder name (`{ $example }`), or empty the folder first
cli-init-cannot-create = cannot create the project in `{ $path }`: { $error }
cli-init-cannot-create-help = check that the parent folder exists and is writable

cli-check-cannot-json = cannot write the report as JSON: { $error }
cli-baseline-cannot-write = cannot write the baseline
cli-baseline-has-errors = the report has errors: correct them first (errors cannot be kept in a baseline)
cli-baseline-wrote = { $path } ({ $n ->
    [one] { $n } known finding
   *[other] { $n } known findings
})

cli-diff-progress = comparing
cli-diff-redline-no-sources = `{ $new }` has no sources to mark the changes on, so no redline can be made
cli-diff-redline-no-sources-help = give as NEW a project folder, a revision, or a PDF built by baocao with its sources
cli-diff-redline-wrote = the redline { $path } ({ $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
})
cli-diff-failed = diff failed

cli-facts-failed = cannot list the facts

cli-verify-no-file = `{ $path }` does not exist or is not a file
cli-verify-no-file-help = give the path of a PDF built by `baocao build`
cli-verify-not-a-project = `{ $path }` is not a baocao project: it has no content/ folder
cli-verify-not-a-project-help = give the folder that holds content/, templates/ and fonts/

cli-import-no-dir = give the folder of the new project: `baocao import FILE.docx DIR`
cli-import-dry-run = would write { $n ->
    [one] { $n } file
   *[other] { $n } files
} into { $dir }; nothing written
cli-import-done = { $file } into { $dir } ({ $files ->
    [one] { $files } file
   *[other] { $files } files
}: { $sections ->
    [one] { $sections } section
   *[other] { $sections } sections
}, { $namespaces ->
    [one] { $namespaces } facts file
   *[other] { $namespaces } facts files
}, { $footnotes ->
    [one] { $footnotes } footnote
   *[other] { $footnotes } footnotes
}, { $facts ->
    [one] { $facts } fact
   *[other] { $facts } facts
})
cli-import-next = baocao build --project { $dir }   (the report above is in { $summary })

cli-draft-failed = the draft cannot be applied
cli-draft-nothing-written = ; nothing was written
cli-draft-changes = Tracked changes ({ $how }):
cli-draft-changes-accepted = applied as accepted
cli-draft-changes-not-applied = not applied; `--accept-changes` accepts them
cli-draft-change = { $kind } by { $author } on { $date }: "{ $text }"
cli-draft-comments = Comments (not applied; act on them in the sources):
cli-draft-comment = { $author } on { $date }, on "{ $anchor }": { $text }
cli-draft-not-applied = not applied: { $what }
cli-draft-cannot-compare = the result cannot be compared
cli-draft-summary = { $facts ->
    [one] { $facts } fact
   *[other] { $facts } facts
}, { $rewritten ->
    [one] { $rewritten } block rewritten
   *[other] { $rewritten } blocks rewritten
}, { $added } added, { $removed } removed, { $notes_changed ->
    [one] { $notes_changed } note changed
   *[other] { $notes_changed } notes changed
}, { $notes_added } added; { $files ->
    [one] { $files } file
   *[other] { $files } files
}
cli-draft-dry-run = would change { $summary }; nothing written
cli-draft-partly = the draft was applied only in part
cli-draft-nothing-to-change = (nothing to change)
cli-draft-applied = { $file } to { $dir }: { $summary }{ $nothing }
cli-draft-unknown = (unknown)

## a crash (a bug of baocao)

cli-internal-error = internal error: { $panic }
