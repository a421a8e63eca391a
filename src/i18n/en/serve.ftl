# Messages of src/serve (see src/i18n/mod.rs).

## The server: its messages in the terminal, and its errors to the browser

serve-busy = the server is busy: try again in a moment
serve-internal-error = internal error while answering this request
serve-too-many-windows = too many windows are open
serve-method-not-allowed = method not allowed
serve-no-such-page = no such page
serve-not-built = the report is not built yet (or has errors): see the error messages
serve-missing-page-or-point = missing page or coordinates
serve-no-such-file = no such file in the project
serve-bad-json = the request body is not valid JSON
serve-bad-field = only value, unit and meaning can be edited
serve-not-built-yet = the report is not built yet
serve-no-such-fact = no such fact
serve-not-utf8 = the file is not UTF-8
serve-redline-no-sources = The new version has no sources (a PDF not made by baocao): its changes cannot be marked.
serve-upload-not-pdf = The uploaded file is not a PDF.
serve-uri-too-long = the address is too long
serve-body-too-large = the request body is too large
serve-body-unreadable = the request body cannot be read
serve-stale = The file was changed elsewhere since you opened it (another editor, or another person). Your changes are NOT saved: copy what you changed, press “Reload” to open the latest version, and make your changes again.
serve-invalid = Not saved: the content is not valid.
serve-redline-failed = The PDF comparison could not be made.
serve-missing-field = missing field `{ $name }`
serve-forbidden = Not allowed ({ $why }). Open the address with its access token (…/?token=…) that `baocao serve` printed.
serve-every-address = `--host { $host }` would listen on every address of this computer
serve-every-address-help = give the one address others reach this computer at, such as `--host 192.168.1.20`
serve-no-token = cannot draw a secret token: { $error }
serve-try-again = try again
serve-cannot-listen = cannot listen on { $host }:{ $port }: { $error }
serve-cannot-listen-help = choose another port with `--port N`, or stop the program that uses it
serve-label-warning = warning:
serve-public = listening on { $host }, not only on this computer: anyone who can reach it and learns the address with its token can read and edit the report
serve-label-serving = serving
serve-serving = { $path } at the address below (Ctrl-C to stop)
serve-cause-more = { $first } and { $n } more
serve-label-built = built
serve-built = in { $millis } ms: { $pages ->
    [one] { $pages } page
   *[other] { $pages } pages
}
serve-build-failed = build failed in { $millis } ms ({ $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}); the workspace shows the last good pages
serve-label-note = note:
serve-no-browser = could not open a browser ({ $error }): open the address above by hand
serve-compare-help = choose “Current version”, a git revision from the list, or a PDF file / folder inside the project
serve-compare-not-found = `{ $arg }`: no such file or folder in the project
serve-compare-outside = `{ $arg }`: only files and folders inside the project folder can be compared
serve-not-a-number = `{ $input }` is not a number: write the figure alone, the unit goes in the unit column (1,69 or 1.69; 51.997 or 51997)
serve-why-no-host = no Host
serve-why-host = Host is not an address of this server
serve-why-cross-site = a request from another site
serve-why-no-token = no access token

## The workspace in the browser (src/serve/assets/index.html). Ids ending in -html may hold markup.

ui-title = baocao — workspace
ui-tabs = Functions
ui-tab-report = Report
ui-tab-facts = Facts
ui-tab-sections = Sections
ui-tab-findings = Check
ui-tab-compare = Compare
ui-building = Building the report…
ui-open-pdf = Open PDF
ui-heading-report = Report
ui-heading-facts = Facts
ui-search = Search
ui-search-placeholder = key, value, unit or meaning
ui-col-fact = Fact
ui-col-value = Value
ui-col-unit = Unit
ui-col-pages = Printed on page
ui-col-edit = Edit
ui-heading-sections = Sections
ui-file = File
ui-save = Save
ui-reload = Reload
ui-file-text = File content
ui-expr-box = Figures printed in this file
ui-note-box = Footnotes in this file
ui-heading-findings = Check
ui-known = Acknowledged
ui-pages = The pages of the report
ui-heading-compare = Compare two versions
ui-compare-old = Old version
ui-compare-upload = or the old version as a PDF file
ui-compare-new = New version
ui-compare-go = Compare
ui-compare-redline = Download the PDF with changes marked
ui-compare-json = Download JSON
ui-report-hint-html = Click a <span class="fact-sample">figure</span> on a page to see where it comes from and everywhere it is printed. Click text to open its section at that line in the editor.
ui-compare-hint-html = Each version is: <b>.</b> (the current one), a git revision (an id such as <code>a1b2c3d</code>, <code>HEAD~1</code>), a PDF file or a project folder inside this folder.

## The workspace's scripts (src/serve/assets/*.js): `T(id, {…})`

ui-js-error = Error { $status }
ui-js-connection = connecting
ui-js-updated = Updated { $time }
ui-js-locale = en-GB
ui-js-pages = { $n ->
    [one] { $n } page
   *[other] { $n } pages
}
ui-js-warnings = { $n ->
    [one] { $n } warning
   *[other] { $n } warnings
}
ui-js-build-failed = Errors: the report is not updated (showing the last good build)
ui-js-errors = The report could not be built ({ $n ->
    [one] { $n } error
   *[other] { $n } errors
}). Fix and save again:
ui-js-printings = { $n ->
    [one] { $n } printed figure
   *[other] { $n } printed figures
}
ui-js-new-warnings = { $n ->
    [one] { $n } new warning
   *[other] { $n } new warnings
}: see the Check tab
ui-js-no-new-warnings = No new warnings
ui-js-pdf-file = PDF file: build-output/report.pdf (the “Open PDF” button at the top right)
ui-js-fact-label = Fact { $key }: { $text }
ui-js-period = Period
ui-js-note = Note
ui-js-estimate = an estimate
ui-js-target = a target, a plan
ui-js-defined-at = Defined at
ui-js-clicked = Clicked
ui-js-printed-at = Printed in { $n ->
    [one] { $n } place
   *[other] { $n } places
}:
ui-js-edit-fact = Edit this fact
ui-js-known = acknowledged
ui-js-error-word = Error
ui-js-warning-word = Warning
ui-js-help = Help:
ui-js-open-in-editor = Open in the editor
ui-js-see-on-page = See on page { $page }
ui-js-findings = { $n ->
    [one] { $n } new finding
   *[other] { $n } new findings
}, { $known } acknowledged (left out of builds).
ui-js-nothing-new = Nothing new to fix.
ui-js-known-in-baseline = Acknowledged in content/check-baseline.yaml ({ $n })
ui-js-page-fault = Error in the page: { $message }

# the comparison (compare.js)
ui-cmp-kind-added = added
ui-cmp-kind-removed = removed
ui-cmp-kind-changed = changed
ui-cmp-kind-renamed = renamed
ui-cmp-kind-renumbered = renumbered
ui-cmp-kind-inserted = text inserted
ui-cmp-kind-deleted = text deleted
ui-cmp-kind-replaced = text replaced
ui-cmp-kind-moved = moved
ui-cmp-page = page { $page }
ui-cmp-page-line = page { $page }, line { $line }
ui-cmp-moved-paragraph = paragraph moved
ui-cmp-whole-paragraph = whole paragraph
ui-cmp-facts = facts: { $keys }
ui-cmp-old = old:
ui-cmp-new = new:
ui-cmp-versions = Old version: { $old } · New version: { $new }
ui-cmp-identical = The two versions are identical.
ui-cmp-count-metadata = Document details: { $n }
ui-cmp-count-facts = Facts: { $changed } changed, { $added } added, { $removed } removed, { $renamed } renamed
ui-cmp-count-text = Text: { $inserted } inserted, { $deleted } deleted, { $replaced } replaced, { $moved } moved
ui-cmp-count-footnotes = Footnotes: { $added } added, { $removed } removed, { $changed } changed, { $renumbered } only renumbered
ui-cmp-metadata = Document details
ui-cmp-heading-facts = Facts
ui-cmp-col-fact = Fact
ui-cmp-col-change = Change
ui-cmp-col-old = Old
ui-cmp-col-new = New
ui-cmp-col-printed = Printed at
ui-cmp-heading-text = Text
ui-cmp-heading-footnotes = Footnotes
ui-cmp-note = footnote { $number }
ui-cmp-renumbered = { $n ->
    [one] { $n } footnote only renumbered
   *[other] { $n } footnotes only renumbered
} (text unchanged)
ui-cmp-layout = Layout
ui-cmp-layout-changed = Layout template or fonts changed:
ui-cmp-comparing = Comparing (building both versions)…
ui-cmp-sending = Sending { $name }…
ui-cmp-received = Received { $name }: press “Compare”.

# the facts table and the editor (edit.js)
ui-ed-facts = { $n ->
    [one] { $n } fact
   *[other] { $n } facts
}
ui-ed-first = showing the first { $n }: type to filter
ui-ed-not-printed = not printed
ui-ed-edit-key = Edit { $key }
ui-ed-edit = Edit
ui-ed-checking = Checking and saving…
ui-ed-unchanged = Nothing changed.
ui-ed-saved-to = Saved to { $path }. The report is being updated…
ui-ed-value = Value
ui-ed-unit = Unit
ui-ed-meaning = Meaning
ui-ed-close = Close
ui-ed-number-hint = Write numbers in digits, a dot before the decimals (1.69), no thousands separator (51997).
ui-ed-defined-at = Defined at { $place }.
ui-ed-group-sections = Sections (content/sections)
ui-ed-group-facts = Facts (content/facts)
ui-ed-discard = The file being edited is not saved. Discard the changes and open another file?
ui-ed-loaded = loaded
ui-ed-line = line { $line }
ui-ed-unprintable = (cannot be printed)
ui-ed-list-stale = The file just changed: the list is updated once the report is built again.
ui-ed-unreferenced = not referenced
ui-ed-unsaved = not saved (Ctrl+S to save)
ui-ed-caret = Line { $line }, column { $column }
ui-ed-saving = Saving…
ui-ed-saved-at = saved at { $time }; the report is being updated…
ui-ed-changed-elsewhere = the file was changed elsewhere: saving will be refused; press “Reload”.

# more errors of the server
serve-version-current = Current version (the project folder)
serve-version-folder = Folder: { $path }
serve-no-version = no version chosen
serve-file-too-large = the file is too large: { $size } bytes, at most { $max } bytes
serve-value-one-line = the value must be written on one line, without control characters
serve-fact-not-in-file = this fact is not found in its file (has the file changed?)
serve-value-multiline = this value is written on several lines: edit it in the file itself
serve-field-not-in-file = this fact has no such line in its file: edit it in the file itself
serve-compare-failed = The versions could not be compared.
serve-upload-failed = The PDF file could not be saved.
