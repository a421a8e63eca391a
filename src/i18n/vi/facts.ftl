# Messages of src/facts (see src/i18n/mod.rs).

code-fact-ambiguous-number = số không đặt trong ngoặc kép mà người Việt đọc theo nghĩa khác (51.997 với đơn vị tiền hoặc số đếm)

facts-file-not-available = không có tệp { $file } ở đây
facts-bad-namespace = `{ $file }`: không dùng được `{ $namespace }` làm tên nhóm số liệu
facts-namespace-help = Đặt tên tệp số liệu bằng chữ thường không dấu, chữ số và `_`, bắt đầu bằng chữ cái: `economy.yaml`
facts-namespace-rename = Đổi tên tệp thành `{ $name }` (chữ thường không dấu, chữ số và `_`, bắt đầu bằng chữ cái).
facts-duplicate-key-help = Mỗi tên chỉ được xuất hiện một lần trong một khối: xóa một trong hai, hoặc đổi tên.
facts-not-a-mapping = `{ $file }` phải gồm các số liệu, mỗi số liệu bắt đầu bằng tên của nó
facts-not-a-mapping-help = Viết `tên:` ở đầu dòng, rồi `value:` và `unit:` thụt vào bên dưới.
facts-name-not-text = `{ $file }`: tên số liệu phải là chữ, ở đây là `{ $found }`
facts-bad-name = không dùng được `{ $name }` làm tên số liệu
facts-name-help = Dùng chữ thường không dấu, chữ số và `_`, bắt đầu bằng chữ cái: `grdp_growth_2021`
facts-more-than-one-way = số liệu `{ $key }` có nhiều hơn một trong `value`, `source` và `derived`
facts-no-value = số liệu `{ $key }` không có `value`, `source` hoặc `derived`
facts-one-way-help = Chỉ ghi số liệu theo một cách: `value: 58` (ghi trực tiếp), `source: { "{" } file: …, sheet: …, cell: B7 { "}" }` (lấy từ ô bảng tính) hoặc `derived: a.x + a.y` (tính ra); để đối chiếu một số ghi trực tiếp với số khác, dùng `check:`.
facts-value-not-a-figure = số liệu `{ $key }` có giá trị { $value }, không phải là một con số
facts-value-not-a-figure-help = Ghi con số dạng thông thường: `value: 8.58`
facts-decimals-range = số liệu `{ $key }`: `decimals: { $decimals }` phải từ 0 đến 12
facts-tolerance = số liệu `{ $key }`: sai số cho phép { $tolerance } phải là một số từ 0 trở lên
facts-tolerance-help = Ghi mức chênh lệch cho phép giữa số ghi và số tính ra: `tolerance: 0.05`
facts-expression-error = số liệu `{ $key }`: { $problem } (trong `{ $expression }`)
facts-unknown-field = số liệu `{ $key }`: `{ $field }` không phải là một trường của số liệu
facts-did-you-mean = Có phải là `{ $field }:`?
facts-fields-help = Một số liệu có `unit` và một trong `value`, `source` (ô bảng tính) hoặc `derived` (biểu thức), có thể thêm `meaning`, `period`, `estimate: true`, `target: true`, `decimals`, `check` và `tolerance`.
facts-missing-field = số liệu `{ $key }` thiếu `{ $field }`
facts-missing-unit-help = Thêm đơn vị như văn bản viết, thụt vào dưới tên số liệu: `unit: "tỷ đồng"`, `unit: "%"`, `unit: ha` (`unit: ""` nếu không có đơn vị).
facts-not-a-block = số liệu `{ $key }` được viết thành một giá trị ngay trên dòng tên
facts-not-a-block-help = Mỗi số liệu là một khối: tên trên một dòng, rồi `value:` và `unit:` mỗi thứ một dòng, thụt vào 2 dấu cách.
facts-yes-no = số liệu `{ $key }`: `{ $value }` không phải là `true` hoặc `false`
facts-yes-no-help = `estimate` và `target` chỉ nhận `true` (có) hoặc `false` (không).
facts-write-instead = Sửa thành `{ $line }`.
facts-wrong-kind = số liệu `{ $key }`: một trường chứa { $found } trong khi cần { $expected }
facts-value-kind = số liệu `{ $key }`: `value` phải là một con số hoặc một đoạn chữ
facts-value-kind-help = Chỉ ghi con số: `value: 58`, hoặc theo cách viết Việt Nam trong dấu ngoặc kép: `value: "1.234,5"`
facts-check-kind = số liệu `{ $key }`: không đọc được `check`
facts-check-kind-help = Ghi một biểu thức (`check: a.x + a.y`), một danh sách biểu thức, hoặc `{ "{" } expr: …, tolerance: 0.05 { "}" }`
facts-unreadable = không đọc được số liệu `{ $key }`

facts-ambiguous-number = `{ $written }` ở số liệu `{ $key }` được đọc là { $decimal } ({ $decimal_words }) { $unit }, không phải { $thousands } ({ $thousands_words })
facts-ambiguous-number-help = Trong tệp YAML, dấu chấm là dấu thập phân. Nếu số đúng là { $thousands_words }, viết `value: "{ $written }"` (có dấu ngoặc kép) hoặc `value: { $plain }`; nếu đúng là { $decimal }, viết `value: "{ $decimal }"` (có dấu ngoặc kép).

facts-not-a-number = số liệu `{ $key }`: giá trị `{ $value }` không phải là con số nên không in được bằng bộ lọc số
facts-printed-here = in bằng bộ lọc số ở đây
facts-not-a-number-help = Ở `value:` chỉ ghi con số, đơn vị ghi ở `unit:`: `value: { $example }`, hoặc theo cách viết Việt Nam trong dấu ngoặc kép: `value: "{ $example }"`. Nếu giá trị đúng là chữ, in không qua bộ lọc số: `{"{{"} { $key } {"}}"}`

# ---- src/yaml.rs ----

yaml-aliases-too-many = { $file }: các bí danh YAML sinh ra quá nhiều giá trị
yaml-aliases-too-many-help = mỗi bí danh (`*tên`) lặp lại các giá trị được neo ở chỗ nó được dùng; ở đây tổng cộng vượt quá { $max } giá trị mà một tệp được phép có: hãy viết các giá trị ra, và chỉ giữ những gì báo cáo cần
yaml-tag-help = xóa thẻ đi: tệp số liệu và report.yaml chỉ dùng giá trị YAML thông thường (số, chữ, danh sách, khối `khóa: giá trị`)
yaml-control-character = { $file }: có ký tự điều khiển không được phép (một ký tự ẩn bị dán cùng văn bản)
yaml-control-character-help = xóa ký tự đó (gõ lại cả dòng nếu không nhìn thấy nó), hoặc viết nó dưới dạng mã thoát trong dấu ngoặc kép ("\x07")
yaml-tab = { $file }: dòng { $line } được thụt lề bằng phím Tab
yaml-tab-help = YAML chỉ tính dấu cách, không tính Tab: thay Tab bằng dấu cách, đúng bằng số dấu cách của các dòng cùng cấp (2 dấu cách mỗi cấp)
yaml-indented-too-far = { $file }: dòng này thụt vào sâu hơn dòng trên nên bị đọc là phần tiếp theo của giá trị dòng trên
yaml-indented-too-far-help = Sửa cho thẳng hàng với dòng trên: { $spaces } dấu cách trước tên khóa.
yaml-colon-in-text = { $file }: văn bản ở dòng này có `: ` (dấu hai chấm và dấu cách), YAML hiểu đó là một khóa mới
yaml-colon-in-text-help = Thêm dấu ngoặc kép quanh văn bản: `{ $fixed }`
yaml-missing-colon = { $file }: dòng { $line } thiếu dấu `:` sau tên khóa
yaml-missing-colon-help = Viết theo dạng `khóa: giá trị`; văn bản kéo dài nhiều dòng phải đặt trong dấu ngoặc kép.
yaml-indent-differs = { $file }: dòng { $line } có { $spaces } dấu cách ở đầu dòng, các dòng cùng cấp có { $usual }
yaml-not-lined-up = { $file }: dòng này không thẳng hàng với các dòng phía trên
yaml-list-not-lined-up = { $file }: mục này của danh sách không thẳng hàng với các mục phía trên
yaml-block-starts-here = khối chứa nó bắt đầu ở đây, thụt vào { $spaces } dấu cách
yaml-not-lined-up-help = Các khóa cùng một khối, và các mục `- ` cùng một danh sách, phải có cùng số dấu cách ở đầu dòng (với số liệu: `value:`, `unit:`… thụt 2 dấu cách); dùng dấu cách, không dùng Tab.
yaml-unclosed-quote = { $file }: dấu ngoặc kép mở ở dòng { $line } chưa được đóng
yaml-unclosed-quote-help = Thêm dấu ngoặc kép đóng ở cuối văn bản: `"…"`; dấu `"` nằm trong văn bản thì viết là `\"`.
yaml-bad-start = { $file }: giá trị không được bắt đầu bằng `{ $character }`
yaml-duplicate-key = khóa `{ $key }` bị lặp lại
yaml-too-many = quá nhiều giá trị: hơn { $max } (mỗi lần dùng bí danh `*tên` đều được tính)
yaml-tag = baocao không dùng thẻ YAML `!{ $tag }`
yaml-unreadable = không đọc được dòng này theo cú pháp YAML ({ $detail }); hãy so với các dòng xung quanh: `khóa: giá trị`, mục danh sách `- …`, mỗi cấp thụt 2 dấu cách

yaml-found-text = chữ "{ $text }"
yaml-found-block = một khối các dòng `khóa: giá trị`
yaml-found-list = một danh sách
yaml-found-number = số { $number }
yaml-found-nothing = để trống
yaml-expect-bool = `true` (có) hoặc `false` (không)
yaml-expect-text = một đoạn chữ
yaml-expect-list = một danh sách (mỗi mục một dòng, bắt đầu bằng `- `)
yaml-expect-block = một khối các dòng `khóa: giá trị`
yaml-expect-whole = một số nguyên
yaml-expect-number = một con số
yaml-expect-other = một loại giá trị khác

# ---- src/project/report.rs ----

report-empty = Tệp `{ $file }` đang trống
report-keys-help = các khóa của report.yaml: parent_authority, authority, national_title, motto, number, symbol, place, date, document_type, summary, signer (titles, name), recipients, status (final | draft), watermark, language (vi | en), replaces (number, date) — xem docs/content-format.md
report-watermark-not-draft = `watermark: true` dùng cho dự thảo, nhưng báo cáo này không phải dự thảo
report-watermark-not-draft-help = Thêm dòng `status: draft`, hoặc xóa `watermark: true` trước khi ban hành báo cáo.
report-unknown-language = ngôn ngữ `{ $language }` không được hỗ trợ
report-unknown-language-help = Viết `language: vi` (tiếng Việt) hoặc `language: en` (tiếng Anh).
report-date-not-a-date = `{ $date }` không phải là ngày tháng: viết YYYY-MM-DD, YYYY-MM hoặc YYYY
report-date-no-month = `{ $date }`: không có tháng { $month }
report-date-invalid = `{ $date }` không phải là ngày có thật
report-bad-date = không dùng được ngày ban hành: { $detail }
report-date-help = Viết ngày ban hành theo thứ tự năm-tháng-ngày: `date: 2023-12-05`; với dự thảo, `date: 2023-12` hoặc `date: 2023` để trống ngày (và tháng).
report-too-long = `{ $key }` trong { $file } dài hơn { $kb } KB
report-too-long-help = Mỗi giá trị của report.yaml chỉ là một hai dòng ở trang đầu hoặc trang cuối; hãy rút ngắn lại.
report-unknown-key = khóa `{ $key }` trong { $file } không có trong danh sách khóa
report-did-you-mean = Có phải ý bạn là `{ $key }`?
report-allowed-keys = các khóa được dùng ở đây: { $keys }
report-value-not-allowed = `{ $key }: { $value }` không phải là giá trị được phép
report-write-instead = Sửa thành `{ $line }`.
report-status-help = Viết `status: final` (báo cáo ban hành chính thức) hoặc `status: draft` (dự thảo: in chữ "DỰ THẢO" ở trang 1).
report-allowed-values = `{ $key }` chỉ nhận: { $values }
report-yes-no = `{ $key }: { $value }`: `{ $key }` chỉ nhận `true` hoặc `false`
report-yes-no-help = Viết `{ $key }: true` (có) hoặc `{ $key }: false` (không).
report-item-colon = mục thứ { $n } của `{ $key }` có `: ` (dấu hai chấm và dấu cách) nên bị đọc thành `khóa: giá trị`, không phải một dòng chữ
report-item-colon-help = Thêm dấu ngoặc kép quanh cả mục: `{ $fixed }`
report-not-a-mapping = { $file } phải gồm các dòng `khóa: giá trị`
report-needs-list = `{ $key }` là một danh sách, mỗi mục là một dòng in ra
report-needs-list-help = Viết `{ $key }:` trên một dòng riêng, rồi mỗi mục một dòng, thụt vào và bắt đầu bằng `- ` (hoặc `{ $key }: [mục 1, mục 2]`).
report-wrong-kind = `{ $key }` phải là { $expected }, không phải { $found }
report-missing-key = thiếu `{ $key }` trong { $within }
report-missing-key-help = Thêm một dòng riêng, ví dụ: `{ $example }`
