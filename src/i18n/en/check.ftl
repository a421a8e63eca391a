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
