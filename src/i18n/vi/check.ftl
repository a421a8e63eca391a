# Messages of src/check (see src/i18n/mod.rs).

code-list-marker-joined = một dòng bắt đầu bằng dấu gạch đầu dòng hoặc số thứ tự bị nối vào đoạn hoặc ý phía trên
code-code-block = một khối mã (đoạn thụt đầu dòng bằng Tab hoặc 4 dấu cách, hoặc nằm giữa hai dòng ```) trong một mục
code-report-item-joined = một phần tử trong danh sách của report.yaml bị nối với phần tử sau (thừa một dấu cách trước `- `)
code-file-left-out = một tệp trong content/sections/ hoặc content/facts/ không được đọc

check-list-marker-joined = dòng này bắt đầu bằng `{ $marker }` nhưng bị in nối vào đoạn phía trên, trên cùng một dòng
check-list-marker-joined-help = để in thành một ý riêng, cho dòng bắt đầu sát lề trái (xóa các dấu cách trước `{ $marker }`), hoặc để một dòng trống phía trước
check-code-fenced = phần nằm giữa hai dòng ``` sẽ được in thành khối chữ nhỏ, không thụt đầu dòng (báo cáo không chứa mã)
check-code-fenced-help = xóa các dòng ```
check-code-tab = đoạn này bắt đầu bằng phím Tab (thói quen khi soạn trên Word): đoạn sẽ được in thành chữ nhỏ, không thụt đầu dòng
check-code-spaces = đoạn này thụt vào { $spaces } dấu cách: đoạn sẽ được in thành chữ nhỏ, không thụt đầu dòng
check-code-indent-help = xóa phần thụt ở đầu dòng: thụt đầu dòng thứ nhất được thêm tự động
check-file-left-out-sections = `{ $file }` không phải tệp mục (*.md): tệp này bị bỏ ra khỏi báo cáo
check-file-left-out-facts = `{ $file }` không phải tệp số liệu (*.yaml): số liệu trong tệp không được đọc
check-file-left-out-rename-help = đổi tên `{ $name }` thành `{ $renamed }`
check-file-left-out-word-help = tệp Word không được đọc: đưa nội dung vào bằng lệnh `baocao import { $name }`, rồi xóa tệp khỏi thư mục này
check-file-left-out-sheet-help = bảng tính phải để trong content/data/: chuyển `{ $name }` vào đó và lấy số liệu bằng `source:`
check-file-left-out-help = ở thư mục này baocao chỉ đọc tệp { $wanted }: đổi tên `{ $name }`, hoặc chuyển tệp ra khỏi thư mục
check-report-item-joined = dòng này bị nối vào phần tử phía trên: `{ $key }` chỉ có một phần tử "{ $entry }"
check-report-item-joined-help = đặt `- ` của dòng này thẳng cột với các dòng phía trên (cột { $column }): thừa một dấu cách làm YAML hiểu dòng này là phần tiếp theo của phần tử trước

check-typo-no-space-after = thiếu dấu cách sau `{ $mark }`
check-typo-no-space-after-help = sửa thành `{ $before }{ $mark } { $after }`
check-typo-double-space = { $n } dấu cách liền nhau
check-typo-double-space-help = chỉ để một dấu cách
check-typo-space-before = thừa dấu cách trước `{ $mark }`
check-typo-space-before-help = xóa dấu cách: `{ $word }{ $mark }`
check-typo-paren-unopened = dấu `)` không có dấu `(` mở trước
check-typo-paren-unopened-help = thêm dấu mở `(`, hoặc xóa dấu này
check-typo-quote-mismatch = dấu `{ $open }` lại được đóng bằng `{ $close }`
check-typo-quote-mismatch-help = dùng cặp dấu khớp nhau: `“…”` hoặc `"…"`
check-typo-quote-unopened = dấu `”` không có dấu `“` mở trước
check-typo-quote-unopened-help = thêm dấu mở `“`, hoặc xóa dấu này
check-typo-unclosed = dấu `{ $open }` chưa được đóng
check-typo-unclosed-help = thêm dấu đóng `{ $close }`
check-typo-not-a-date = `{ $date }` không phải là ngày có thật
check-typo-not-a-date-help = kiểm tra lại ngày và tháng
check-typo-no-such-month = không có tháng `{ $month }`
check-typo-no-such-month-help = kiểm tra lại tháng
check-typo-year = năm `{ $year }` có { $n } chữ số
check-typo-year-help = năm phải có bốn chữ số
check-typo-range-dash = khoảng `{ $range }` được viết bằng dấu `{ $dash }`
check-typo-range-dash-help = báo cáo viết khoảng bằng dấu `{ $dash }` ({ $n } trên { $total } chỗ); dùng dấu này ở đây cho thống nhất

check-typo-doubled-word = `{ $phrase }` bị viết lặp hai lần
check-typo-doubled-word-help = xóa `{ $phrase }` thứ hai
check-typo-glued-words = `{ $word }` có vẻ là hai từ viết liền nhau
check-typo-glued-words-split-help = sửa thành `{ $first } { $second }`
check-typo-glued-words-help = thêm dấu cách giữa các tiếng
check-typo-glued-number = `{ $number }{ $word }`: số viết liền với `{ $word }`
check-typo-glued-number-help = sửa thành `{ $number } { $word }`, có dấu cách, như những chỗ khác trong báo cáo
check-typo-tone-placement = `{ $written }` được viết là `{ $usual }` ở { $n } chỗ khác trong báo cáo
check-typo-tone-placement-help = đặt dấu thanh như phần còn lại của báo cáo: `{ $usual }`
check-typo-tone-variant = `{ $written }` trong đề mục được viết là `{ $usual }` ở { $n } chỗ trong nội dung
check-typo-tone-variant-help = kiểm tra lại dấu thanh; sửa thành `{ $usual }` nếu đúng là từ đó

check-allow-unknown = `{ $code }` không phải mã kiểm tra
check-allow-unknown-help = danh sách mã có trong docs/content-format.md (mục `baocao-allow`), ví dụ `typo-no-space-after`
check-allow-error = `{ $code }` là lỗi, không thể bỏ qua
check-allow-error-help = sửa lỗi; `baocao-allow` chỉ giữ lại được cảnh báo
check-allow-unused = `baocao-allow: { $code }` không bỏ qua cảnh báo nào
check-allow-unused-help = chú thích này chỉ áp dụng cho khối ngay sau nó; chuyển chú thích đến đó, hoặc xóa đi
check-baseline-known = { $n } cảnh báo đã biết trong baseline ({ $path })
check-baseline-stale = mục baseline `{ $code }` trong { $file } (`{ $text }`) không còn khớp với cảnh báo nào
check-baseline-stale-help = chỗ đó đã được sửa hoặc nội dung đã đổi: xóa mục này, hoặc chạy `baocao check --write-baseline`
check-fact-unused = số liệu `{ $key }` không được in ở đâu
check-fact-unused-help = in số liệu trong một mục bằng `{"{{"} { $key } | num {"}}"}`, xóa số liệu, hoặc giữ lại bằng dòng `# baocao-allow: fact-unused` ngay phía trên
check-figure-fraction = "{ $written }": phần { $part } lớn hơn tổng { $whole }
check-figure-fraction-ratio-help = a/b là một phần trên tổng: kiểm tra lại cả hai số (hoặc viết tỷ lệ theo cách khác)
check-figure-fraction-help = a/b là một phần trên tổng: kiểm tra lại cả hai số
check-figure-share = `{ $key }` là tỷ lệ ("{ $meaning }") nhưng in ra { $printed }, lớn hơn 100 %
check-figure-share-help = tỷ lệ trên tổng không vượt quá 100 %: kiểm tra lại số liệu (hoặc đơn vị, nếu đây là mức tăng)
check-figure-growth = tốc độ in cạnh `{ $key }` không khớp với số liệu hai năm: ({ $new } ÷ { $old } − 1) × 100 = { $computed } ≠ { $stated }
check-figure-growth-help = kiểm tra lại ba số liệu; nếu giữ nguyên (số của bản gốc), khai báo quan hệ ở `{ $rate }` (`check: growth({ $key }, { $previous })` kèm `tolerance:`) hoặc ghi cảnh báo vào baseline
check-relation-text = số liệu `{ $key }` là chữ: không kiểm tra bằng phép tính được
check-relation-text-help = phép kiểm tra so sánh các con số: xóa `check:`, hoặc ghi số liệu bằng số
check-relation-mismatch = `{ $key }` không khớp với phép kiểm tra: { $arithmetic }
check-relation-mismatch-help = các số liệu không khớp nhau: sửa một trong các số; nếu báo cáo cố ý giữ nguyên (số của bản gốc), ghi cảnh báo vào baseline kèm `reason:`
check-relation-mismatch-tolerance-help = các số liệu không khớp nhau: sửa một trong các số; nếu báo cáo cố ý giữ nguyên (số của bản gốc), ghi cảnh báo vào baseline kèm `reason:`, hoặc cho phép sai số `tolerance:` khi báo cáo làm tròn nhiều hơn
check-relation-error = `{ $key }`: không tính được phép kiểm tra `{ $expression }`: { $reason }
check-relation-error-help = kiểm tra giá trị của các số liệu được nêu trong phép tính
check-note-defined = `{ $key }` = { $value } được khai báo ở đây
check-note-printed = `{ $key }` được in ở đây là "{ $printed }"
check-page = {" "}(trang { $page })
check-glyph-in-faces = {" "}trong { $faces }
check-glyph-missing = phông { $family } không có ký tự `{ $char }` ({ $codepoint }){ $faces }
check-glyph-missing-help = thay ký tự này bằng ký tự phông có (ví dụ chữ tiếng Việt gõ bằng bộ gõ thông thường, không phải ký tự trông giống), hoặc thêm vào fonts/ một phông có { $codepoint }

check-heading-skip = `{ $written }` bỏ qua `{ $expected }`
check-heading-skip-help = đánh số là `{ $expected }`; nếu bản gốc bỏ số và phải giữ nguyên, thêm dòng `<!-- baocao-allow: heading-skip -->` ngay phía trên
check-heading-number-help = đánh số là `{ $expected }`; nếu bản gốc đánh số như vậy và phải giữ nguyên, thêm dòng `<!-- baocao-allow: heading-number -->` ngay phía trên
check-heading-not-following = `{ $written }` không tiếp theo `{ $previous }`: đúng ra là `{ $expected }`
check-heading-first = `{ $written }` đúng ra là `{ $expected }` (số đầu tiên của cấp này)

check-summary = { $errors } lỗi, { $warnings } cảnh báo
check-summary-silenced = {" "}({ $n } cảnh báo được bỏ qua bằng chú thích baocao-allow)

code-tab-absorbed = đoạn thụt đầu dòng bằng Tab bị gộp vào chú thích hoặc gạch đầu dòng phía trên
check-tab-absorbed-note = đoạn này bắt đầu bằng phím Tab, nằm sau nội dung chú thích `[^{ $label }]`: đoạn bị gộp vào chú thích và in ở cuối trang, không in trong bài
check-tab-absorbed-note-help = xóa phím Tab ở đầu dòng; nếu đoạn thuộc phần nội dung, chuyển nó lên trên các dòng nội dung chú thích
check-tab-absorbed-item = đoạn này bắt đầu bằng phím Tab, nằm sau một gạch đầu dòng: đoạn bị gộp vào gạch đầu dòng đó và in thụt vào bên dưới, không thành một đoạn văn riêng
check-tab-absorbed-item-help = xóa phím Tab ở đầu dòng (thụt đầu dòng thứ nhất được thêm tự động)
