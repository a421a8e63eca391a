# Messages of src/serve (see src/i18n/mod.rs).

## Máy chủ: thông báo trên cửa sổ lệnh, và lỗi trả về trình duyệt

serve-busy = máy chủ đang bận, thử lại sau giây lát
serve-internal-error = lỗi nội bộ khi trả lời yêu cầu này
serve-too-many-windows = quá nhiều cửa sổ đang mở
serve-method-not-allowed = phương thức không được hỗ trợ
serve-no-such-page = không có trang này
serve-not-built = báo cáo chưa tạo xong (hoặc đang có lỗi): xem thông báo lỗi
serve-missing-page-or-point = thiếu trang hoặc tọa độ
serve-no-such-file = không có tệp này trong dự án
serve-bad-json = nội dung gửi lên không phải JSON hợp lệ
serve-bad-field = chỉ sửa được value, unit, meaning
serve-not-built-yet = báo cáo chưa tạo xong
serve-no-such-fact = không có số liệu này
serve-not-utf8 = tệp không phải UTF-8
serve-redline-no-sources = Bản mới không có nguồn (một PDF không do baocao tạo): không đánh dấu được thay đổi.
serve-upload-not-pdf = Tệp gửi lên không phải PDF.
serve-uri-too-long = địa chỉ quá dài
serve-body-too-large = nội dung gửi lên quá lớn
serve-body-unreadable = không đọc được nội dung gửi lên
serve-stale = Tệp đã được sửa ở nơi khác kể từ khi bạn mở nó (một trình soạn thảo khác, hoặc một người khác). Thay đổi của bạn CHƯA được lưu: hãy sao chép phần đã sửa, bấm “Tải lại” để mở bản mới nhất rồi sửa lại.
serve-invalid = Không lưu được: nội dung chưa hợp lệ.
serve-redline-failed = Không tạo được bản so sánh PDF.
serve-missing-field = thiếu trường `{ $name }`
serve-forbidden = Không được phép ({ $why }). Hãy mở đúng địa chỉ có mã truy cập (…/?token=…) mà lệnh `baocao serve` đã in ra.
serve-every-address = `--host { $host }` sẽ mở máy chủ trên mọi địa chỉ của máy tính này
serve-every-address-help = ghi đúng một địa chỉ mà máy khác dùng để truy cập máy này, ví dụ `--host 192.168.1.20`
serve-no-token = không tạo được mã truy cập bí mật: { $error }
serve-try-again = hãy thử lại
serve-cannot-listen = không mở được máy chủ tại { $host }:{ $port }: { $error }
serve-cannot-listen-help = chọn cổng khác bằng `--port N`, hoặc tắt chương trình đang dùng cổng đó
serve-label-warning = cảnh báo:
serve-public = máy chủ mở tại { $host }, không chỉ trên máy này: ai truy cập được và biết địa chỉ kèm mã truy cập đều đọc và sửa được báo cáo
serve-label-serving = đang phục vụ
serve-serving = { $path } tại địa chỉ dưới đây (bấm Ctrl-C để dừng)
serve-cause-more = { $first } và { $n } tệp khác
serve-label-built = đã tạo
serve-built = trong { $millis } ms: { $pages } trang
serve-build-failed = tạo báo cáo không thành công sau { $millis } ms ({ $errors } lỗi); màn hình làm việc vẫn hiện các trang tốt gần nhất
serve-label-note = lưu ý:
serve-no-browser = không mở được trình duyệt ({ $error }): hãy tự mở địa chỉ ở trên
serve-compare-help = chọn “Bản hiện tại”, một phiên bản git trong danh sách, hoặc một tệp PDF / thư mục nằm trong dự án
serve-compare-not-found = `{ $arg }`: không có tệp hoặc thư mục này trong dự án
serve-compare-outside = `{ $arg }`: chỉ so sánh được tệp và thư mục nằm trong thư mục dự án
serve-not-a-number = `{ $input }` không phải một số: viết số không có dấu phân cách hàng nghìn, dấu chấm cho phần thập phân (1.69; 51997)
serve-why-no-host = thiếu Host
serve-why-host = Host không phải địa chỉ của máy chủ này
serve-why-cross-site = yêu cầu từ một trang khác
serve-why-no-token = thiếu mã truy cập (token)

## Màn hình làm việc trên trình duyệt (src/serve/assets/index.html). Mã kết thúc bằng -html được chứa thẻ HTML.

ui-title = baocao — không gian làm việc
ui-tabs = Chức năng
ui-tab-report = Báo cáo
ui-tab-facts = Số liệu
ui-tab-sections = Nội dung
ui-tab-findings = Kiểm tra
ui-tab-compare = So sánh
ui-building = Đang tạo báo cáo…
ui-open-pdf = Mở PDF
ui-heading-report = Báo cáo
ui-heading-facts = Số liệu
ui-search = Tìm
ui-search-placeholder = mã, giá trị, đơn vị hoặc ý nghĩa
ui-col-fact = Số liệu
ui-col-value = Giá trị
ui-col-unit = Đơn vị
ui-col-pages = In ở trang
ui-col-edit = Sửa
ui-heading-sections = Nội dung
ui-file = Tệp
ui-save = Lưu
ui-reload = Tải lại
ui-file-text = Nội dung tệp
ui-expr-box = Số liệu in trong tệp này
ui-note-box = Chú thích trong tệp này
ui-heading-findings = Kiểm tra
ui-known = Đã ghi nhận
ui-pages = Các trang của báo cáo
ui-heading-compare = So sánh hai phiên bản
ui-compare-old = Bản cũ
ui-compare-upload = hoặc bản cũ là một tệp PDF
ui-compare-new = Bản mới
ui-compare-go = So sánh
ui-compare-redline = Tải bản PDF đánh dấu thay đổi
ui-compare-json = Tải JSON
ui-report-hint-html = Bấm vào một <span class="fact-sample">số liệu</span> trên trang để xem nó lấy từ đâu và in ở những chỗ nào. Bấm vào chữ để mở mục đó đúng dòng trong trình soạn thảo.
ui-compare-hint-html = Mỗi bản là: <b>.</b> (bản hiện tại), một phiên bản git (mã như <code>a1b2c3d</code>, <code>HEAD~1</code>), một tệp PDF hoặc một thư mục dự án nằm trong thư mục này.

## Các đoạn mã của màn hình làm việc (src/serve/assets/*.js): `T(id, {…})`

ui-js-error = Lỗi { $status }
ui-js-connection = kết nối
ui-js-updated = Đã cập nhật { $time }
ui-js-locale = vi-VN
ui-js-pages = { $n } trang
ui-js-warnings = { $n } cảnh báo
ui-js-build-failed = Có lỗi: báo cáo chưa cập nhật (đang hiện bản tạo thành công gần nhất)
ui-js-errors = Không tạo được báo cáo ({ $n } lỗi). Sửa rồi lưu lại:
ui-js-printings = { $n } chỗ in số liệu
ui-js-new-warnings = { $n } cảnh báo mới: xem thẻ Kiểm tra
ui-js-no-new-warnings = Không có cảnh báo mới
ui-js-pdf-file = Tệp PDF: build-output/report.pdf (nút “Mở PDF” ở góc phải)
ui-js-fact-label = Số liệu { $key }: { $text }
ui-js-period = Kỳ
ui-js-note = Ghi chú
ui-js-estimate = số ước tính
ui-js-target = chỉ tiêu, kế hoạch
ui-js-defined-at = Khai báo tại
ui-js-clicked = Chỗ bấm
ui-js-printed-at = In ở { $n } chỗ:
ui-js-edit-fact = Sửa số liệu này
ui-js-known = đã ghi nhận
ui-js-error-word = Lỗi
ui-js-warning-word = Cảnh báo
ui-js-help = Gợi ý:
ui-js-open-in-editor = Mở trong trình soạn thảo
ui-js-see-on-page = Xem trên trang { $page }
ui-js-findings = { $n } phát hiện mới, { $known } đã ghi nhận (bỏ qua khi tạo báo cáo).
ui-js-nothing-new = Không có gì mới cần sửa.
ui-js-known-in-baseline = Đã ghi nhận trong content/check-baseline.yaml ({ $n })
ui-js-page-fault = Lỗi trong trang: { $message }
