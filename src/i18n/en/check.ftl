# Messages of src/check (see src/i18n/mod.rs).

code-list-marker-joined = a line starting with a list marker joined to the paragraph or item above
code-code-block = a code block (text indented by a Tab or 4 spaces, or between ``` lines) in a section
code-report-item-joined = an entry of a list in report.yaml joined with the next one (one space too many before `- `)
code-file-left-out = a file in content/sections/ or content/facts/ that is not read

check-list-marker-joined = this line starts with `{ $marker }` but is printed as part of the paragraph above, on the same line
check-list-marker-joined-help = to print it as an item of its own, start the line at the left margin (remove the spaces before `{ $marker }`), or leave an empty line before it
check-code-fenced = text between ``` lines is printed as a block of small unindented text (a report holds no code)
check-code-fenced-help = remove the ``` lines
check-code-tab = this paragraph starts with a Tab (a Word habit): it is printed as small unindented text
check-code-spaces = this paragraph is indented by { $spaces } spaces: it is printed as small unindented text
check-code-indent-help = remove the indentation at the start of the line(s): the first-line indent is added automatically
check-file-left-out-sections = `{ $file }` is not a section file (*.md): it is left out of the report
check-file-left-out-facts = `{ $file }` is not a facts file (*.yaml): its facts are not read
check-file-left-out-rename-help = rename `{ $name }` to `{ $renamed }`
check-file-left-out-word-help = a Word file is not read: bring its text in with `baocao import { $name }`, then remove it from this folder
check-file-left-out-sheet-help = a spreadsheet belongs in content/data/: move `{ $name }` there and read its cells with `source:`
check-file-left-out-help = baocao reads only { $wanted } files here: rename `{ $name }`, or move it out of this folder
check-report-item-joined = this line was joined to the entry above: `{ $key }` holds one entry "{ $entry }"
check-report-item-joined-help = put this `- ` in the same column as the entries above (column { $column }): one space too many makes YAML read it as the rest of the entry before

check-typo-no-space-after = no space after `{ $mark }`
check-typo-no-space-after-help = write `{ $before }{ $mark } { $after }`
check-typo-double-space = { $n } spaces in a row
check-typo-double-space-help = keep one space
check-typo-space-before = space before `{ $mark }`
check-typo-space-before-help = remove the space: `{ $word }{ $mark }`
check-typo-paren-unopened = `)` closes no `(`
check-typo-paren-unopened-help = add the opening `(`, or remove this one
check-typo-quote-mismatch = `{ $open }` is closed by `{ $close }`
check-typo-quote-mismatch-help = use a matching pair: `“…”` or `"…"`
check-typo-quote-unopened = `”` closes no `“`
check-typo-quote-unopened-help = add the opening `“`, or remove this one
check-typo-unclosed = `{ $open }` is never closed
check-typo-unclosed-help = add the closing `{ $close }`
check-typo-not-a-date = `{ $date }` is not a date
check-typo-not-a-date-help = check the day and the month
check-typo-no-such-month = month `{ $month }` does not exist
check-typo-no-such-month-help = check the month
check-typo-year = the year `{ $year }` has { $n } digits
check-typo-year-help = a year has four digits
check-typo-range-dash = the range `{ $range }` is written with `{ $dash }`
check-typo-range-dash-help = the report writes ranges with `{ $dash }` ({ $n } of { $total } ranges); use it here too

check-typo-doubled-word = `{ $phrase }` is written twice
check-typo-doubled-word-help = delete the second `{ $phrase }`
check-typo-glued-words = `{ $word }` looks like two words written together
check-typo-glued-words-split-help = write `{ $first } { $second }`
check-typo-glued-words-help = write a space between the syllables
check-typo-glued-number = `{ $number }{ $word }`: the number is glued to `{ $word }`
check-typo-glued-number-help = write `{ $number } { $word }`, with a space, as the report does elsewhere
check-typo-tone-placement = `{ $written }` is written `{ $usual }` { $n } times elsewhere in the report
check-typo-tone-placement-help = place the tone mark as the rest of the report does: `{ $usual }`
check-typo-tone-variant = `{ $written }` in a heading is spelt `{ $usual }` { $n } times in the text
check-typo-tone-variant-help = check the tone marks; write `{ $usual }` if that is the word meant

check-allow-unknown = `{ $code }` is not a check code
check-allow-unknown-help = the codes are listed in docs/content-format.md (`baocao-allow`), e.g. `typo-no-space-after`
check-allow-error = `{ $code }` is an error and cannot be silenced
check-allow-error-help = correct the mistake; only warnings can be kept with `baocao-allow`
check-allow-unused = `baocao-allow: { $code }` silences nothing
check-allow-unused-help = the comment applies to the next block only; move it there, or delete it
check-baseline-known = { $n -> 
    [one] { $n } known finding in baseline ({ $path })
   *[other] { $n } known findings in baseline ({ $path })
}
check-baseline-stale = baseline entry `{ $code }` in { $file } (`{ $text }`) matches no finding any more
check-baseline-stale-help = the finding was corrected or its text changed: delete the entry, or run `baocao check --write-baseline`
check-fact-unused = fact `{ $key }` is never printed
check-fact-unused-help = print it in a section with `{"{{"} { $key } | num {"}}"}`, delete it, or keep it with `# baocao-allow: fact-unused` on the line above
check-figure-fraction = "{ $written }": the part { $part } is above the whole { $whole }
check-figure-fraction-ratio-help = a/b counts a part of a whole: check both figures (or write the ratio another way)
check-figure-fraction-help = a/b counts a part of a whole: check both figures
check-figure-share = `{ $key }` is a share ("{ $meaning }") printed as { $printed }, above 100 %
check-figure-share-help = a share of a whole is at most 100 %: check the figure (or its unit, if it is a change)
check-figure-growth = the rate printed beside `{ $key }` disagrees with the two years' values: ({ $new } ÷ { $old } − 1) × 100 = { $computed } ≠ { $stated }
check-figure-growth-help = check the three figures; to keep them (the original's own arithmetic), declare the relation on `{ $rate }` (`check: growth({ $key }, { $previous })` with a `tolerance:`) or record the finding in the baseline
check-relation-text = fact `{ $key }` is a text: it cannot be checked by arithmetic
check-relation-text-help = checks compare figures: remove the `check:`, or give the fact a figure
check-relation-mismatch = `{ $key }` disagrees with its check: { $arithmetic }
check-relation-mismatch-help = the figures disagree: correct one of them; if the report keeps its figures on purpose (the original's own arithmetic), record the finding in the baseline with a `reason:`
check-relation-mismatch-tolerance-help = the figures disagree: correct one of them; if the report keeps its figures on purpose (the original's own arithmetic), record the finding in the baseline with a `reason:`, or allow a `tolerance:` where the report rounds looser
check-relation-error = `{ $key }`: its check `{ $expression }` cannot be computed: { $reason }
check-relation-error-help = check the values of the facts it names
check-note-defined = `{ $key }` = { $value } is defined here
check-note-printed = `{ $key }` is printed here as "{ $printed }"
check-page = {" "}(page { $page })
check-glyph-in-faces = {" "}in { $faces }
check-glyph-missing = the font { $family } has no glyph for `{ $char }` ({ $codepoint }){ $faces }
check-glyph-missing-help = replace the character with one the font has (e.g. a Vietnamese letter typed with a standard keyboard layout, not a look-alike), or add a font covering { $codepoint } to fonts/

check-heading-skip = `{ $written }` skips `{ $expected }`
check-heading-skip-help = number it `{ $expected }`; if the original skips a number and it must stay, put `<!-- baocao-allow: heading-skip -->` on the line above
check-heading-number-help = number it `{ $expected }`; if the original numbers it so and it must stay, put `<!-- baocao-allow: heading-number -->` on the line above
check-heading-not-following = `{ $written }` does not follow `{ $previous }`: expected `{ $expected }`
check-heading-first = `{ $written }` should be `{ $expected }` (the first of its level here)

check-summary = { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}
check-summary-silenced = {" "}({ $n } silenced by baocao-allow comments)

code-tab-absorbed = a Tab-indented paragraph made part of the footnote or list item above it
check-tab-absorbed-note = this paragraph starts with a Tab after the definition of footnote `[^{ $label }]`: it becomes part of that footnote and prints at the foot of the page, not in the text
check-tab-absorbed-note-help = remove the Tab at the start of the line; if the paragraph belongs to the text, move it above the footnote definitions
check-tab-absorbed-item = this paragraph starts with a Tab after a list item: it becomes part of that item and prints indented under it, not as a paragraph of the text
check-tab-absorbed-item-help = remove the Tab at the start of the line (the first-line indent is automatic)
