# Thông báo của src/build (xem src/i18n/mod.rs): tạo báo cáo, watch, ghi tệp, tên tệp.

build-failed = không tạo được báo cáo
build-failed-after = ; tệp PDF cũ (nếu có) vẫn giữ nguyên
build-progress = đang tạo báo cáo
build-word-built = đã tạo
build-word-rebuilt = đã tạo lại
build-built-in = { $what } trong { $seconds } giây
build-sources-attached = đính kèm { $n } tệp nguồn, { $kb } KB trước khi nén
build-no-sources = không đính kèm nguồn
build-pdf-line = { $path } ({ $pages } trang, { $kb } KB, { $standard }, { $sources })
build-docx-line = { $path } (Word, { $footnotes } chú thích, { $facts } số liệu có gắn tên, { $kb } KB)
build-names-word = tệp Word
build-names-pdf = tệp PDF
build-format-clash = `-o { $output }` là tên { $named }, nhưng `--format { $asked }` yêu cầu định dạng khác
build-format-clash-help = đặt tên sau -o có đuôi .{ $asked }, hoặc ghi cả hai: `--format pdf,docx` (hoặc `--format { $other }`)
build-source-date-epoch = SOURCE_DATE_EPOCH=`{ $value }` không phải là số giây
build-source-date-epoch-help = đặt số giây tính từ 1970-01-01 UTC, ví dụ `SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`, hoặc bỏ biến này
build-standard-no-attachments = chuẩn { $standard } không cho đính kèm tệp, mà mặc định các tệp nguồn được đính kèm
build-standard-no-attachments-help = thêm `--no-sources` để không đính kèm nguồn, hoặc chọn `--pdf-standard a-3b` (mặc định)
build-plain-pdf = PDF thường

## ghi tệp

build-pdf-export = lỗi khi xuất PDF: { $message }
build-pdf-export-help = tệp PDF phải đạt chuẩn { $standard }; kiểm tra phần thiết lập trong mẫu trình bày, hoặc chọn chuẩn khác với `--pdf-standard` (none, a-2b, a-3b, …)
build-cannot-write = không ghi được `{ $path }` (khi { $what }): { $error }
build-cannot-write-help = kiểm tra thư mục ghi kết quả có tồn tại, ghi được, và tệp không đang mở trong chương trình khác
build-creating-folder = tạo thư mục
build-writing = ghi tệp
build-folder-in-the-way = không ghi được `{ $path }`: đã có một thư mục trùng tên
build-folder-in-the-way-help = đổi tên hoặc xóa thư mục `{ $name }`, hoặc ghi PDF ra chỗ khác bằng `-o TỆP`
build-file-locked = không thay được `{ $path }`: tệp đang mở trong chương trình khác, hoặc thư mục chỉ cho đọc ({ $error })
build-file-locked-help = đóng tệp `{ $name }` trong trình xem PDF (Adobe Acrobat Reader, Edge…) rồi chạy lại lệnh; tệp `{ $name }` cũ vẫn giữ nguyên
build-cannot-replace = không thay được `{ $path }`: { $error }
build-cannot-replace-help = kiểm tra thư mục ghi được và tệp `{ $name }` không đang mở trong chương trình khác; tệp `{ $name }` cũ vẫn giữ nguyên

## tên tệp Windows không nhận

build-device-name = `{ $path }`: trên Windows không đặt được tên tệp `{ $name }`, vì `{ $device }` là tên dành riêng cho thiết bị
build-device-name-help = đổi tên `{ $name }` thành `{ $renamed }` (tên nào cũng được, trừ CON, PRN, AUX, NUL, COM1…, LPT1…)
build-case-clash = `{ $first }` và `{ $second }` chỉ khác nhau chữ hoa, chữ thường: Windows và macOS coi là một tệp
build-case-clash-help = gộp hai tệp làm một, hoặc đổi tên một tệp (ví dụ `{ $renamed }`), để báo cáo giống nhau trên mọi máy
build-output-device = không ghi được `{ $path }`: trên Windows `{ $device }` là tên dành riêng cho thiết bị, không dùng làm tên tệp được
build-output-device-help = chọn tên khác, ví dụ `{ $option } { $renamed }`

## watch

build-word-watching = đang theo dõi
build-watching = { $folders } để tạo lại khi có thay đổi (bấm Ctrl-C để dừng)
build-watched-list = { $a }, { $b } và { $c }
build-watch-error = lỗi khi theo dõi tệp: { $error }
build-cannot-watch = không theo dõi được `{ $path }`: { $error }
build-cannot-watch-help = kiểm tra thư mục có tồn tại và đọc được; trên Linux, tăng fs.inotify.max_user_watches nếu đã hết
build-watch-known = ({ $n } đã biết)
build-rebuilt = trong { $ms } ms: { $pages } trang, { $warnings } cảnh báo{ $known } → { $pdf }{ $because }
build-watch-failed = không tạo được báo cáo (sau { $ms } ms, { $errors } lỗi); giữ nguyên tệp PDF tốt gần nhất{ $because }
build-changed-more = ({ $path } và { $n } tệp khác)

## các bước tạo báo cáo (--timings, dòng tiến độ)

build-stage-load = đọc thư mục báo cáo
build-stage-facts = đọc số liệu
build-stage-check = kiểm tra báo cáo (phần chờ sau khi dàn trang)
build-stage-tera = điền số liệu vào các mục (tera)
build-stage-markdown = Markdown → typst
build-stage-template = mẫu trình bày
build-stage-compile = dàn trang (typst)
build-stage-export = xuất PDF, tệp Word
build-stage-write = ghi tệp
build-stage-other = ngoài các bước (khởi động, in kết quả)
build-stage-total = (dàn trang + xuất typst { $typst } ms; tổng gấp ×{ $overhead })
