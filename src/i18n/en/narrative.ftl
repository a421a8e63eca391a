# Messages of src/narrative (see src/i18n/mod.rs).

narrative-filter-decimals = `decimals={ $value }` must be between 0 and 12
narrative-filter-pad = `pad={ $value }` must be between 0 and 20
narrative-filter-undefined = undefined value
narrative-filter-not-finite = cannot format { $value } as a number
narrative-filter-text = cannot format the text `{ $text }` as a number
narrative-filter-kind = cannot format a { $kind } as a number
narrative-filter-date = `{ $text }` is not a date YYYY-MM-DD ({ $reason })
narrative-footnote-undefined = footnote `[^{ $label }]` is referenced but never defined
narrative-footnote-undefined-help = add the note's text on its own line: `[^{ $label }]: …`, or remove the reference
narrative-footnote-duplicate = footnote `[^{ $label }]` is defined twice
narrative-footnote-first-defined = first defined here
narrative-footnote-duplicate-help = give one of the notes another label, or merge them
narrative-footnote-unreferenced = footnote `[^{ $label }]` is defined but never referenced
narrative-footnote-unreferenced-help = reference it in the text with `[^{ $label }]`, or delete the definition
narrative-limit-nesting = the text is nested more than { $n } levels deep here
narrative-limit-nesting-help = block quotes, list items, emphasis, links and notes inside notes each open a level; flatten the structure (a report needs 2 or 3 levels)
narrative-limit-elements = the narrative holds more than { $n } Markdown elements (paragraphs, headings, list items, table cells, emphasis…); this is the first one over the limit
narrative-limit-elements-help = a report this size would take minutes to lay out: split it into several reports, or look for text pasted many times over
narrative-limit-paragraph = this paragraph is longer than { $kb } KB (a heading, list item, table cell or line of code counts as one)
narrative-limit-paragraph-help = typst's time grows with the square of a paragraph's length; break the text into paragraphs with a blank line (a report's longest is a few KB)
narrative-limit-footnotes = more than { $n } footnotes are defined; this is the first one over the limit
narrative-limit-footnotes-help = split the report, or move long lists of sources into an appendix
narrative-limit-references = more than { $n } footnote references; this is the first one over the limit
narrative-limit-references-help = split the report, or reference each source once
narrative-syntax-error = template syntax error
narrative-cannot-print = cannot print
narrative-text-through-number-help = the fact's value is text: print it without a number filter (`{"{{"} namespace.name {"}}"}`), or write a number as its value
narrative-print-facts-help = facts are printed as `{"{{"} namespace.name | num {"}}"}` or `| pct`; see docs/content-format.md
narrative-undefined-fact = undefined fact `{ $key }`
narrative-undefined-fact-help = define `{ $key }` in content/facts/{ $namespace }.yaml, or correct the name
narrative-did-you-mean = did you mean { $names }?
narrative-or = {" "}or{" "}
narrative-template-error = template error: { $reason }
narrative-filters-available = the filters available in sections are { $filters }
narrative-filter-did-you-mean = did you mean `{ $filter }`? The filters available are { $filters }
narrative-filter-unknown = the filter `{ $filter }` is not available in sections
narrative-statement = `{"{%"} { $word } {"%}"}` is not available in sections
narrative-statement-help = a section prints facts with `{"{{"} namespace.name | num {"}}"}` and nothing else; write the text itself here, or put it in a section file of its own (content/sections/NN-name.md)
narrative-function = `{ $word }(…)`: functions are not available in sections
narrative-function-help = a section prints facts: `{"{{"} namespace.name | num {"}}"}`, computed with + - * / where needed
