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
