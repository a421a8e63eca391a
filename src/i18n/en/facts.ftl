# Messages of src/facts (see src/i18n/mod.rs).

code-fact-ambiguous-number = an unquoted number a Vietnamese reader reads otherwise (51.997 in money or a count)

facts-file-not-available = { $file } is not available here
facts-bad-namespace = `{ $file }`: `{ $namespace }` cannot be a facts namespace
facts-namespace-help = name facts files with lowercase letters, digits and `_`, starting with a letter: `economy.yaml`
facts-namespace-rename = rename the file `{ $name }` (lowercase letters, digits and `_`, starting with a letter)
facts-duplicate-key-help = a name may appear once in each mapping: delete one of the two, or rename it
facts-not-a-mapping = `{ $file }` must be a mapping of fact names to facts
facts-not-a-mapping-help = write `name:` at the start of a line, then `value:` and `unit:` indented below it
facts-name-not-text = `{ $file }`: a fact name must be text, found `{ $found }`
facts-bad-name = `{ $name }` cannot be a fact name
facts-name-help = use lowercase ASCII letters, digits and `_`, starting with a letter: `grdp_growth_2021`
facts-more-than-one-way = fact `{ $key }` has more than one of `value`, `source` and `derived`
facts-no-value = fact `{ $key }` has no `value`, `source` or `derived`
facts-one-way-help = give the figure one way: `value: 58` (written), `source: { "{" } file: …, sheet: …, cell: B7 { "}" }` (a spreadsheet cell) or `derived: a.x + a.y` (computed); to compare a written figure with others, use `check:`
facts-value-not-a-figure = fact `{ $key }` has the value { $value }, which is not a figure
facts-value-not-a-figure-help = write the figure as a plain number: `value: 8.58`
facts-decimals-range = fact `{ $key }`: `decimals: { $decimals }` must be between 0 and 12
facts-tolerance = fact `{ $key }`: the tolerance { $tolerance } must be a figure of 0 or more
facts-tolerance-help = write how far the stated value may be from the computed one: `tolerance: 0.05`
facts-expression-error = fact `{ $key }`: { $problem } (in `{ $expression }`)
facts-unknown-field = fact `{ $key }`: `{ $field }` is not a field of a fact
facts-did-you-mean = did you mean `{ $field }:`?
facts-fields-help = a fact has `unit` and one of `value`, `source` (a spreadsheet cell) or `derived` (an expression), and may have `meaning`, `period`, `estimate: true`, `target: true`, `decimals`, `check` and `tolerance`
facts-missing-field = fact `{ $key }` has no `{ $field }`
facts-missing-unit-help = add the unit as the text writes it, indented under the fact: `unit: "tỷ đồng"`, `unit: "%"`, `unit: ha` (`unit: ""` when there is none)
facts-not-a-block = fact `{ $key }` is written as a single value on its name's line
facts-not-a-block-help = a fact is a block: its name on one line, then `value:` and `unit:` on lines of their own, indented by 2 spaces
facts-yes-no = fact `{ $key }`: `{ $value }` is not `true` or `false`
facts-yes-no-help = `estimate` and `target` are `true` (yes) or `false` (no)
facts-write-instead = write `{ $line }`
facts-wrong-kind = fact `{ $key }`: a field holds { $found } where { $expected } is expected
facts-value-kind = fact `{ $key }`: `value` must be one number or one text
facts-value-kind-help = write the figure alone: `value: 58`, or the Vietnamese way in quotes: `value: "1.234,5"`
facts-check-kind = fact `{ $key }`: `check` cannot be read
facts-check-kind-help = write one expression (`check: a.x + a.y`), a list of them, or `{ "{" } expr: …, tolerance: 0.05 { "}" }`
facts-unreadable = fact `{ $key }` cannot be read

facts-ambiguous-number = `{ $written }` in fact `{ $key }` is read as { $decimal } ({ $decimal_words }) { $unit }, not { $thousands } ({ $thousands_words })
facts-ambiguous-number-help = in YAML the dot marks decimals: if you meant { $thousands_words }, write `value: "{ $written }"` in quotes or `value: { $plain }`; if you meant { $decimal }, write `value: "{ $decimal }"` in quotes

facts-not-a-number = fact `{ $key }`: cannot format the text `{ $value }` as a number
facts-printed-here = printed with a number filter here
facts-not-a-number-help = write the figure alone as the value, the unit in `unit:`: `value: { $example }`, or the Vietnamese way in quotes: `value: "{ $example }"`; if the value really is a text, print it without a number filter: `{"{{"} { $key } {"}}"}`

# ---- src/yaml.rs ----

yaml-aliases-too-many = { $file }: YAML aliases expand to too many values
yaml-aliases-too-many-help = each alias (`*name`) repeats its anchored values where it is used; here that adds up to more than the { $max } values a file may hold: write the values out, and keep only what the report needs
yaml-tag-help = remove the tag: facts and report.yaml use plain YAML values (numbers, text, lists, mappings)
yaml-control-character = { $file }: control characters are not allowed (an invisible character pasted with the text)
yaml-control-character-help = delete the character (retype the line if you cannot see it), or write it as an escape in a double-quoted text ("\x07")
yaml-tab = { $file }: line { $line } is indented with a Tab
yaml-tab-help = YAML counts spaces, not Tabs: replace the Tab with spaces, as many as on the lines like it (2 per level)
yaml-indented-too-far = { $file }: this line is indented further than the line above, so it is read as the rest of that line's value
yaml-indented-too-far-help = line it up with the line above: { $spaces } spaces before the key
yaml-colon-in-text = { $file }: the text on this line holds `: ` (a colon and a space), which YAML reads as a new key
yaml-colon-in-text-help = put the text in double quotes: `{ $fixed }`
yaml-missing-colon = { $file }: line { $line } has no `:` after its key
yaml-missing-colon-help = write `key: value`; a text that goes on over several lines must be in double quotes
yaml-indent-differs = { $file }: line { $line } has { $spaces } spaces before it, the lines like it have { $usual }
yaml-not-lined-up = { $file }: this line is not lined up with the lines above it
yaml-list-not-lined-up = { $file }: this list item is not lined up with the items above it
yaml-block-starts-here = the block it belongs to starts here, { $spaces } spaces in
yaml-not-lined-up-help = give every key of one block, and every `- ` item of one list, the same number of spaces before it (a fact's `value:`, `unit:`… 2 spaces); use spaces, not Tab
yaml-unclosed-quote = { $file }: the quote opened on line { $line } is never closed
yaml-unclosed-quote-help = close the quote at the end of the text: `"…"`; a `"` inside the text is written `\"`
yaml-bad-start = { $file }: a value cannot start with `{ $character }`
yaml-duplicate-key = duplicate key `{ $key }`
yaml-too-many = too many values: more than { $max } (aliases `*name` counted at every use)
yaml-tag = YAML tag `!{ $tag }` is not used by baocao
yaml-unreadable = this line cannot be read as YAML ({ $detail }); compare it with the lines around it: `key: value`, list items `- …`, 2 spaces per level

yaml-found-text = the text "{ $text }"
yaml-found-block = a block of `key: value` lines
yaml-found-list = a list
yaml-found-number = the number { $number }
yaml-found-nothing = nothing
yaml-expect-bool = `true` or `false`
yaml-expect-text = a text
yaml-expect-list = a list (items on their own lines starting with `- `)
yaml-expect-block = a block of `key: value` lines
yaml-expect-whole = a whole number
yaml-expect-number = a number
yaml-expect-other = another kind of value

# ---- src/project/report.rs ----

report-empty = `{ $file }` is empty
report-keys-help = report.yaml keys: parent_authority, authority, national_title, motto, number, symbol, place, date, document_type, summary, signer (titles, name), recipients, status (final | draft), watermark, language (vi | en), replaces (number, date) — see docs/content-format.md
report-watermark-not-draft = `watermark: true` marks drafts, but this report is not a draft
report-watermark-not-draft-help = add `status: draft`, or remove `watermark: true` before issuing the report
report-unknown-language = unknown language `{ $language }`
report-unknown-language-help = write `language: vi` (tiếng Việt) or `language: en` (English)
report-date-not-a-date = `{ $date }` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY
report-date-no-month = `{ $date }`: month { $month } does not exist
report-date-invalid = `{ $date }` is not a valid date (that day does not exist)
report-bad-date = the date cannot be used: { $detail }
report-date-help = write the issue date as year-month-day: `date: 2023-12-05`; in a draft, `date: 2023-12` or `date: 2023` leaves the day (and month) blank
report-too-long = `{ $key }` in { $file } is longer than { $kb } KB
report-too-long-help = each value of report.yaml is a line or two of the first or last page; shorten it
report-unknown-key = unknown key `{ $key }` in { $file }
report-did-you-mean = did you mean `{ $key }`?
report-allowed-keys = the keys allowed here are { $keys }
report-value-not-allowed = `{ $key }: { $value }` is not an allowed value
report-write-instead = write `{ $line }`
report-status-help = write `status: final` (the issued report) or `status: draft` (a draft: "DỰ THẢO" on page 1)
report-allowed-values = `{ $key }` may be { $values }
report-yes-no = `{ $key }: { $value }`: `{ $key }` is `true` or `false`
report-yes-no-help = write `{ $key }: true` (yes) or `{ $key }: false` (no)
report-item-colon = item { $n } of `{ $key }` holds `: ` (a colon and a space), so it is read as `key: value`, not as one line of text
report-item-colon-help = put the item in double quotes: `{ $fixed }`
report-not-a-mapping = { $file } must be a list of `key: value` lines
report-needs-list = `{ $key }` is a list, one item per printed line
report-needs-list-help = write `{ $key }:` on its own line, then each item on a line of its own, indented, starting with `- ` (or `{ $key }: [first, second]`)
report-wrong-kind = `{ $key }` must be { $expected }, not { $found }
report-missing-key = `{ $key }` is missing in { $within }
report-missing-key-help = add it as a line of its own, e.g. `{ $example }`
