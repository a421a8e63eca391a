# One line per finding code: what it finds (`baocao check --help`, docs). The ids are
# `code-` and the code's stable name; the names themselves are never translated.

code-fact-undefined = a `{"{{"} … {"}}"}` names a fact that does not exist
code-fact-unused = a fact that no section prints
code-fact-format = a value the filter cannot print
code-fact-syntax = a `{"{{"} … {"}}"}` that tera cannot read
code-fact-duplicate-key = the same key twice in one mapping of a facts file
code-relation-error = a relation between facts that cannot be read or computed
code-relation-mismatch = a fact whose value disagrees with its declared relation
code-source-cell = a spreadsheet cell a fact cannot be read from
code-figure-fraction = figures printed as a/b where a is above b
code-figure-share = a share above 100 %
code-figure-growth = a growth rate that disagrees with the two values printed beside it
code-footnote-undefined = a note reference without a definition
code-footnote-duplicate = a note label defined twice
code-footnote-unreferenced = a note that nothing references
code-heading-skip = a heading number that skips one
code-heading-number = a heading number that does not follow the one before
code-typo-no-space-after = no space after `.`, `,`, `;` or `:` before a letter
code-typo-space-before = a space before `.`, `,`, `;` or `)`
code-typo-double-space = two or more spaces in a row
code-typo-unbalanced = an unbalanced bracket or quotation mark
code-typo-doubled-word = a word or phrase written twice in a row
code-typo-glued-number = a number glued to the word after it
code-typo-glued-words = two Vietnamese syllables written as one word
code-typo-tone-variant = a heading word pair spelt with other tone marks than in the text
code-typo-tone-placement = a word with its tone mark on another vowel than elsewhere
code-typo-date = a date that does not exist
code-typo-year = a year with the wrong number of digits
code-typo-range-dash = a range separator other than the report's usual one
code-glyph-missing = a character the text font cannot show
code-allow-invalid = a `baocao-allow` comment naming an unknown code or an error
code-allow-unused = a `baocao-allow` comment that silenced nothing
code-project-load = the project could not be loaded
code-baseline-stale = a baseline entry that matches no finding any more
