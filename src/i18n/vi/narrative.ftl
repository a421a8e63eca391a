# Messages of src/narrative (see src/i18n/mod.rs).

narrative-filter-decimals = `decimals={ $value }` phải từ 0 đến 12
narrative-filter-pad = `pad={ $value }` phải từ 0 đến 20
narrative-filter-undefined = không có giá trị
narrative-filter-not-finite = không in được { $value } thành số
narrative-filter-text = `{ $text }` là chữ, không phải số
narrative-filter-kind = không in được một { $kind } thành số
narrative-filter-date = `{ $text }` không phải ngày theo dạng YYYY-MM-DD ({ $reason })
narrative-footnote-undefined = chú thích `[^{ $label }]` được gọi nhưng chưa có nội dung
narrative-footnote-undefined-help = thêm nội dung chú thích trên một dòng riêng: `[^{ $label }]: …`, hoặc xóa chỗ gọi
narrative-footnote-duplicate = chú thích `[^{ $label }]` được viết hai lần
narrative-footnote-first-defined = lần viết thứ nhất ở đây
narrative-footnote-duplicate-help = đổi nhãn của một trong hai chú thích, hoặc gộp chúng lại
narrative-footnote-unreferenced = chú thích `[^{ $label }]` có nội dung nhưng không được gọi ở đâu
narrative-footnote-unreferenced-help = gọi chú thích trong nội dung bằng `[^{ $label }]`, hoặc xóa nội dung chú thích
narrative-limit-nesting = nội dung ở đây lồng nhau quá { $n } cấp
narrative-limit-nesting-help = mỗi trích dẫn, ý liệt kê, chữ nghiêng/đậm, liên kết và chú thích trong chú thích đều mở thêm một cấp; hãy giảm bớt cấp (báo cáo chỉ cần 2 hoặc 3 cấp)
narrative-limit-elements = nội dung có hơn { $n } thành phần Markdown (đoạn, đề mục, ý liệt kê, ô bảng, chữ nghiêng…); đây là thành phần đầu tiên vượt giới hạn
narrative-limit-elements-help = báo cáo lớn như vậy sẽ mất nhiều phút để dàn trang: chia thành nhiều báo cáo, hoặc tìm chỗ văn bản bị dán lặp nhiều lần
narrative-limit-paragraph = đoạn này dài hơn { $kb } KB (đề mục, ý liệt kê, ô bảng hoặc dòng mã đều tính là một đoạn)
narrative-limit-paragraph-help = thời gian dàn trang tăng theo bình phương độ dài đoạn; tách thành nhiều đoạn bằng một dòng trống (đoạn dài nhất của một báo cáo chỉ vài KB)
narrative-limit-footnotes = có hơn { $n } chú thích; đây là chú thích đầu tiên vượt giới hạn
narrative-limit-footnotes-help = chia báo cáo, hoặc chuyển danh sách nguồn dài vào phụ lục
narrative-limit-references = có hơn { $n } chỗ gọi chú thích; đây là chỗ đầu tiên vượt giới hạn
narrative-limit-references-help = chia báo cáo, hoặc mỗi nguồn chỉ gọi một lần
narrative-syntax-error = lỗi cú pháp mẫu
narrative-cannot-print = không in được
narrative-text-through-number-help = giá trị của số liệu là chữ: in không qua bộ lọc số (`{"{{"} namespace.name {"}}"}`), hoặc ghi giá trị bằng số
narrative-print-facts-help = số liệu được in bằng `{"{{"} namespace.name | num {"}}"}` hoặc `| pct`; xem docs/content-format.md
narrative-undefined-fact = không có số liệu `{ $key }`
narrative-undefined-fact-help = khai báo `{ $key }` trong content/facts/{ $namespace }.yaml, hoặc sửa lại tên
narrative-did-you-mean = có phải ý bạn là { $names }?
narrative-or = {" "}hoặc{" "}
narrative-template-error = lỗi mẫu: { $reason }
narrative-filters-available = các bộ lọc dùng được trong mục: { $filters }
narrative-filter-did-you-mean = có phải ý bạn là `{ $filter }`? Các bộ lọc dùng được: { $filters }
narrative-filter-unknown = không dùng được bộ lọc `{ $filter }` trong mục
narrative-statement = không dùng được `{"{%"} { $word } {"%}"}` trong mục
narrative-statement-help = mục chỉ in số liệu bằng `{"{{"} namespace.name | num {"}}"}`; hãy viết thẳng nội dung vào đây, hoặc đưa vào một tệp mục riêng (content/sections/NN-ten.md)
narrative-function = `{ $word }(…)`: không dùng được hàm trong mục
narrative-function-help = mục chỉ in số liệu: `{"{{"} namespace.name | num {"}}"}`, có thể tính bằng + - * / khi cần
