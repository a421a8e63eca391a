# Messages of src/import (see src/i18n/mod.rs).

## IMPORT.md, báo cáo của lệnh nhập (src/import/summary.rs). Dòng `##` là tiêu đề Markdown.

import-md-title = # Nhập từ `{ $source }`
import-md-by-baocao = Tệp do baocao xuất ra: các mục, cấp đề mục và số liệu được đọc lại từ các dấu baocao đặt trong tệp Word.
import-md-converted = ## Đã chuyển đổi
import-md-sections = { $n } mục: { $files }
import-md-blocks = { $headings } đề mục, { $paragraphs } đoạn văn, { $items } ý gạch đầu dòng (`-`, `+`)
import-md-notes = { $notes } chú thích dạng `[^n]` kèm nội dung; { $second } chỗ dẫn lại (NOTEREF) một chú thích đã dẫn trước đó
import-md-facts-tagged = { $figures } con số in trong báo cáo đã gắn với khóa số liệu, { $facts } số liệu trong `content/facts/`
import-md-facts-found = { $figures } con số có đơn vị hoặc `%` đã thành số liệu ({ $facts } số liệu khác nhau) trong `content/facts/*.yaml`: mỗi khóa được đặt theo các chữ đứng trước con số; hãy kiểm tra lại khóa, đơn vị và nội dung
import-md-tables = { $n } bảng chuyển thành bảng Markdown (không giữ ô gộp và độ rộng cột)
import-md-all-fields = Đã tìm thấy đủ các trường ở trang đầu (bảng tiêu đề, tên loại, trích yếu) và trang cuối (nơi nhận, người ký).
import-md-missing-fields = Không tìm thấy, đã điền chỗ trống ghi `KHÔNG TÌM THẤY` trong report.yaml: { $fields }.
import-md-not-converted = ## Không chuyển đổi
import-md-images = { $n } hình ảnh (dự án baocao không chứa hình ảnh)
import-md-text-box = một hộp văn bản (text box): "{ $text }"
import-md-equations = { $n } công thức toán
import-md-objects = { $n } đối tượng nhúng
import-md-endnotes = chú thích cuối văn bản (endnote) (chỉ nhập chú thích cuối trang)
import-md-fields = { $n } trường `{ $name }` được giữ theo chữ đang hiển thị
import-md-unreferenced-notes = { $n } chú thích không được dẫn ở đâu
import-md-after-signature = sau chữ ký: "{ $text }"
import-md-nothing-skipped = Không có: không có hình ảnh, hộp văn bản, công thức, trường hay endnote nào.
import-md-tracked-changes = ## Theo dõi thay đổi (Track Changes)
import-md-none = Không có.
import-md-changes-accepted = Đã chấp nhận (`--accept-changes`): giữ phần thêm, bỏ phần xóa.
import-md-changes-not-applied = Chưa áp dụng: nội dung giữ như trước các thay đổi. Nhập lại với `--accept-changes` để chấp nhận tất cả.
import-md-change = { $kind ->
    [inserted] thêm
   *[deleted] xóa
} bởi { $author } lúc { $date }: "{ $text }"
import-md-comments = ## Góp ý (Comments)
import-md-comments-listed = Góp ý không đưa vào dự án; danh sách dưới đây để xử lý.
import-md-comment = { $author } lúc { $date }, tại "{ $anchor }": { $text }
import-unknown = (không rõ)

## Đọc tệp Word (src/import)

import-no-text = văn bản không có nội dung để nhập (không có đoạn văn nào sau phần đầu trang nhất)
import-no-text-help = kiểm tra lại đây có đúng là tệp Word của báo cáo không
import-too-large-help = một báo cáo chỉ vài chục trang; văn bản này lớn hơn nhiều so với giới hạn của một dự án (xem README, mục "Limits"): hãy nhập từng phần riêng
import-text-too-large = nội dung văn bản là { $size } MB; một dự án chứa tối đa { $max } MB
import-file-too-large = `{ $path }` sẽ có { $size } MB; một tệp chứa tối đa { $max } MB
import-too-many-elements = văn bản có { $n } đoạn văn, đề mục và chú thích; một báo cáo chứa tối đa { $max }
import-cannot-read = không đọc được `{ $path }`: { $error }
import-cannot-read-help = kiểm tra đường dẫn; tệp .docx của một báo cáo thường chỉ vài trăm KB
import-docx-too-large = tệp lớn hơn { $max } MB
import-docx-too-large-help = tệp Word của một báo cáo thường chỉ vài trăm KB; hãy xóa bớt hình ảnh lớn, hoặc tách văn bản
import-docx-encrypted = tệp Word được khóa bằng mật khẩu (nội dung đã mã hóa)
import-docx-encrypted-help = mở tệp bằng Word, bỏ mật khẩu (File › Info › Protect Document › Encrypt with Password, xóa trống ô mật khẩu), lưu lại, rồi nhập bản đó
import-doc = đây là tệp Word 97–2003 (.doc), không phải .docx
import-doc-help = lưu lại thành .docx (Word: File › Save As › Word Document; hoặc `soffice --headless --convert-to docx FILE.doc`)
import-not-docx = tệp không phải văn bản Word (tệp .docx là một tệp nén zip; tệp này không phải)
import-not-docx-help = dùng tệp .docx lưu từ Word hoặc LibreOffice; tệp .doc, .rtf hay .odt có thể lưu thành .docx trước
import-bad-zip = không mở được tệp .docx dạng nén zip ({ $error })
import-bad-zip-help = tệp bị hỏng hoặc chưa đủ: hãy lưu lại từ Word hoặc LibreOffice
import-too-many-parts = tệp .docx có { $n } phần; giới hạn là { $max }
import-too-many-parts-help = đây không phải một tệp Word thông thường (xem README, mục "Limits")
import-no-document = tệp zip không chứa văn bản Word (thiếu `{ $part }`)
import-no-document-help = dùng tệp .docx (văn bản Word); không nhập được tệp .odt hay .xlsx
import-part-unreadable = không đọc được phần `{ $name }` ({ $error })
import-part-unreadable-help = tệp bị hỏng hoặc bị khóa: hãy lưu lại từ Word hoặc LibreOffice
import-part-unpack = không giải nén được phần `{ $name }` ({ $error })
import-save-again-damaged = tệp bị hỏng: hãy lưu lại từ Word hoặc LibreOffice
import-part-too-large = phần `{ $name }` khi giải nén lớn hơn { $size } MB (giới hạn một phần là { $part } MB, tất cả là { $all } MB)
import-part-too-large-help = văn bản dài như vậy vượt xa một báo cáo (xem README, mục "Limits"): hãy tách ra
import-part-not-utf8 = phần `{ $name }` không phải XML mã UTF-8
import-save-again = hãy lưu lại tệp từ Word hoặc LibreOffice
import-bad-xml = `{ $part }` không phải XML hợp lệ ({ $error })
import-bad-xml-help = tệp bị hỏng: mở bằng Word hoặc LibreOffice rồi lưu lại
import-no-body = văn bản Word không có phần nội dung (`w:body`)
import-footnote-reference = (một dấu chú thích)

## Bản góp ý gửi lại (`import --into`): các chỗ sửa không áp dụng

import-draft-block-kept = một đoạn bị xóa trong Word vẫn được giữ lại: "{ $text }"
import-draft-field-differs = `{ $field }` trong tệp Word là "{ $word }", trong content/report.yaml là "{ $project }": nếu cần, hãy sửa report.yaml bằng tay
import-draft-computed = `{ $old }` → `{ $new }`: con số này được tính ra ({ $expression }); hãy sửa các số liệu dùng để tính nó
import-draft-nested = một chỗ sửa trong trích dẫn, mã hoặc danh sách lồng nhau không được áp dụng: "{ $text }"
import-draft-note-paragraphs = chú thích { $label }: có đoạn văn được thêm hoặc xóa trong Word; nội dung chú thích không được sửa
import-draft-not-a-number = `{ $old }` → `{ $new }` ({ $key }): không phải con số theo cách báo cáo in
import-draft-conflict = `{ $key }` bị sửa thành các giá trị khác nhau ở những chỗ khác nhau; số liệu này không được sửa
import-draft-no-value-line = `{ $key }`: không tìm thấy dòng `value:` của số liệu này trong `{ $path }`

# the kind of a tracked change
import-change-inserted = thêm chữ
import-change-deleted = xóa chữ
