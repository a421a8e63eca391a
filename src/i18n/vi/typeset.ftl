# Messages of src/typeset (see src/i18n/mod.rs).

typeset-template-variables-help = mẫu trình bày được dùng `report.*` (các trường của report.yaml, thêm number_line, place_date_line, title, keywords) và `sections`; xem docs/content-format.md
typeset-template-error = lỗi trong mẫu trình bày: { $message }
typeset-template-error-help = kiểm tra { $path }
typeset-bad-epoch = SOURCE_DATE_EPOCH={ $epoch } không phải một ngày mà typst ghi được
typeset-bad-epoch-help = ghi số giây tính từ 1970-01-01 UTC, ứng với năm từ 1 đến 9999, hoặc bỏ biến này đi
typeset-from-section = tại chỗ này trong mục
typeset-error-help = nếu lỗi nằm trong một mục, kiểm tra nội dung chữ ở đó; nếu lỗi nằm trong mẫu trình bày, kiểm tra templates/report.typ.tera
typeset-no-packages = không dùng được gói typst: baocao dựng báo cáo không cần mạng

## Các bộ ghi tệp (src/writer)

writer-docx-failed = không ghi được tệp Word: { $what }
writer-docx-failed-help = đây là lỗi của baocao; tệp PDF không bị ảnh hưởng (`--format pdf`)
