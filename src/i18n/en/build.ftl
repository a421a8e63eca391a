# Messages of src/build (see src/i18n/mod.rs): build, watch, writing files, file names.

build-failed = build failed
build-failed-after = ; the previous PDF, if any, is unchanged
build-progress = building
build-word-built = built
build-word-rebuilt = rebuilt
build-built-in = { $what } in { $seconds } s
build-sources-attached = { $n ->
    [one] { $n } source attached
   *[other] { $n } sources attached
}, { $kb } KB before compression
build-no-sources = no sources attached
build-pdf-line = { $path } ({ $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $kb } KB, { $standard }, { $sources })
build-docx-line = { $path } (Word, { $footnotes ->
    [one] { $footnotes } footnote
   *[other] { $footnotes } footnotes
}, { $facts ->
    [one] { $facts } figure tagged with its fact
   *[other] { $facts } figures tagged with their fact
}, { $kb } KB)
build-names-word = a Word file
build-names-pdf = a PDF
build-format-clash = `-o { $output }` names { $named }, but `--format { $asked }` asks for the other format
build-format-clash-help = give -o a .{ $asked } name, or ask for both: `--format pdf,docx` (or `--format { $other }`)
build-source-date-epoch = SOURCE_DATE_EPOCH=`{ $value }` is not a number of seconds
build-source-date-epoch-help = set it to seconds since 1970-01-01 UTC, e.g. `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, or unset it
build-standard-no-attachments = { $standard } does not allow attached files, and the sources are attached by default
build-standard-no-attachments-help = add `--no-sources` to leave the sources out, or choose `--pdf-standard a-3b` (the default)
build-plain-pdf = plain PDF

## writing files

build-pdf-export = PDF export: { $message }
build-pdf-export-help = the PDF must meet { $standard }; check the template's document settings, or choose another standard with `--pdf-standard` (none, a-2b, a-3b, …)
build-cannot-write = cannot write `{ $path }`: { $what }: { $error }
build-cannot-write-help = check that the output folder exists, is writable, and that the file is not open in another program
build-creating-folder = creating the folder
build-writing = writing
build-folder-in-the-way = cannot write `{ $path }`: a folder of that name is in the way
build-folder-in-the-way-help = rename or remove the folder `{ $name }`, or write the PDF elsewhere with `-o FILE`
build-file-locked = cannot replace `{ $path }`: the file is open in another program, or the folder is read-only ({ $error })
build-file-locked-help = close `{ $name }` in the PDF reader (Adobe Acrobat Reader, Edge…), then run the command again; the previous `{ $name }` is unchanged
build-cannot-replace = cannot replace `{ $path }`: { $error }
build-cannot-replace-help = check that the folder is writable and that `{ $name }` is not open in another program; the previous `{ $name }` is unchanged

## file names that Windows refuses

build-device-name = `{ $path }`: `{ $name }` cannot be a file name on Windows, where `{ $device }` is the name of a device
build-device-name-help = rename `{ $name }` to `{ $renamed }` (any name but CON, PRN, AUX, NUL, COM1…, LPT1…)
build-case-clash = `{ $first }` and `{ $second }` differ only in capital letters: Windows and macOS take them for one file
build-case-clash-help = merge the two into one file, or rename one of them (e.g. `{ $renamed }`), so that the report is the same on every computer
build-output-device = cannot write `{ $path }`: `{ $device }` is the name of a device on Windows, not a file name
build-output-device-help = choose another name, e.g. `{ $option } { $renamed }`

## watch

build-word-watching = watching
build-watching = { $folders } for changes (Ctrl-C to stop)
build-watched-list = { $a }, { $b } and { $c }
build-watch-error = file watching: { $error }
build-cannot-watch = cannot watch `{ $path }`: { $error }
build-cannot-watch-help = check that the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted
build-watch-known = ({ $n } known)
build-rebuilt = in { $ms } ms: { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}{ $known } → { $pdf }{ $because }
build-watch-failed = build failed in { $ms } ms ({ $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}); the last good PDF is kept{ $because }
build-changed-more = ({ $path } and { $n } more)

## the stages of a build (--timings, the progress line)

build-stage-load = reading the project
build-stage-facts = reading the facts
build-stage-check = checking the report (the wait after typesetting)
build-stage-tera = printing facts into the sections (tera)
build-stage-markdown = Markdown → typst
build-stage-template = layout template
build-stage-compile = typesetting (typst)
build-stage-export = PDF export, Word file
build-stage-write = writing files
build-stage-other = outside the stages (start-up, reporting)
build-stage-total = (typst compile + export { $typst } ms; overhead ×{ $overhead })
