# Messages of src/verify (see src/i18n/mod.rs).

# tệp của dự án khác với tệp trong PDF thế nào (cột rộng 8)
verify-change-changed = đã sửa
verify-change-added = thêm
verify-change-missing = thiếu

verify-problem = lỗi: { $problem }
verify-project-differs = dự án `{ $project }` khác với các tệp nguồn đính kèm trong PDF:

# kết luận, dòng cuối của `baocao verify`
verify-verdict-verified = đã xác minh: `{ $pdf }` đúng là bản dựng từ các tệp nguồn đính kèm
verify-verdict-verified-project = đã xác minh: `{ $pdf }` đúng là bản dựng từ các tệp nguồn đính kèm, và đó chính là các tệp trong `{ $project }`
verify-verdict-project-differs = chưa xác minh được: `{ $pdf }` đúng là bản dựng từ các tệp nguồn đính kèm, nhưng dự án đã khác các tệp đó
verify-verdict-cannot-tell = không kết luận được: máy này không dựng lại được `{ $pdf }` từ các tệp nguồn đính kèm, nên không biết nó có đúng là bản dựng từ các tệp đó hay không
verify-verdict-not-verified = không khớp: `{ $pdf }` không phải là bản dựng nguyên vẹn từ các tệp nguồn đính kèm

verify-cannot-read = không đọc được `{ $path }`: { $error }
verify-cannot-read-help = kiểm tra tệp có tồn tại, mở đọc được, và là tệp PDF có dung lượng bình thường

verify-encrypted = PDF đã bị mã hóa: baocao không bao giờ mã hóa PDF, vậy tệp này đã bị ghi lại sau khi dựng (nội dung không còn là bản dựng gốc)
verify-no-manifest = PDF không có { $manifest }: tệp được dựng với `--no-sources` hoặc không do baocao dựng, nên không dựng lại được từ tệp nguồn
verify-too-many-attachments = { $manifest } ghi { $inputs } tệp nguồn và { $fonts } phông chữ, nhiều hơn mức { $max } tệp một PDF được mang (xem README, mục "Limits"): đây không phải bản dựng của baocao
verify-check-manifest = { $manifest }: dựng bằng baocao { $baocao } với typst { $typst }, { $standard }, { $inputs } tệp nguồn, { $fonts } phông chữ
verify-not-rebuilt-paths = không dựng lại PDF: danh mục tệp ghi những tệp nằm ngoài dự án
verify-not-rebuilt-no-fonts = không dựng lại PDF: { $manifest } không ghi phông chữ nào, mà bản dựng của baocao luôn có phông chữ
verify-not-rebuilt-asked = không dựng lại (theo yêu cầu)
verify-not-rebuilt-sources = không dựng lại PDF: các tệp nguồn đính kèm không đúng với danh mục tệp
verify-unsafe-path = `{ $path }` trong { $manifest } không phải đường dẫn bên trong một dự án; PDF này không phải bản dựng của baocao
verify-not-attached = `{ $name }` có trong { $manifest } nhưng không được đính kèm
verify-hash-mismatch = `{ $name }`: tệp đính kèm không khớp mã SHA-256 ghi trong { $manifest } (PDF đã bị sửa sau khi dựng)
verify-not-listed = `{ $name }` được đính kèm nhưng không có trong { $manifest }
verify-check-attached = tệp nguồn đính kèm: cả { $n } tệp khớp mã SHA-256 trong { $manifest }
verify-other-versions = lưu ý: đây là baocao { $baocao } với typst { $typst }; PDF được dựng bằng baocao { $pdf_baocao } với typst { $pdf_typst }, có thể dàn trang khác
verify-check-fonts = phông chữ: tìm thấy cả { $n } phông theo mã SHA-256
verify-sources-do-not-build = các tệp nguồn đính kèm không dựng được:
    { $errors }
verify-check-identical = dựng lại từ các tệp nguồn đính kèm: giống hệt, { $bytes } byte
verify-differs = dựng lại từ các tệp nguồn đính kèm, PDF khác đi: bản dựng lại { $rebuilt } byte, tệp có { $file } byte, khác nhau từ byte thứ { $first }

## Đọc các tệp đính kèm trong PDF (src/pdf_read.rs)

pdf-read-help = tệp bị hỏng hoặc không phải PDF; xin lại tệp PDF, hoặc mở thử bằng trình đọc PDF xem có hiện không
pdf-read-reader-stopped = không đọc được tệp PDF (trình đọc PDF dừng lại ở tệp này: { $message })
pdf-read-stream-too-large = không đọc được tệp PDF: một phần của tệp lớn hơn { $size } khi giải nén (giới hạn, xem README, mục "Limits")
pdf-read-encrypted = PDF được khóa bằng mật khẩu nên không đọc được các tệp đính kèm; baocao không bao giờ khóa PDF: hãy xác minh tệp PDF đúng như `baocao build` đã tạo ra
pdf-read-unreadable = không đọc được tệp PDF: { $error }
pdf-read-no-catalog = PDF không có mục lục đối tượng (catalog): { $error }
pdf-read-attachments-too-large = các tệp đính kèm cộng lại lớn hơn { $size } khi giải nén (giới hạn, xem README, mục "Limits")
pdf-read-nested-too-deeply = danh sách tệp đính kèm của PDF lồng nhau quá sâu
pdf-read-too-many-attachments = PDF có hơn { $max } tệp đính kèm (giới hạn, xem README, mục "Limits")
pdf-read-broken-entry = một mục trong danh sách tệp đính kèm bị hỏng: { $error }
pdf-read-list-loops = danh sách tệp đính kèm của PDF tự trỏ vòng lại chính nó
pdf-read-broken-list = danh sách tệp đính kèm bị hỏng: { $error }
pdf-read-attachment-no-name = một tệp đính kèm không có tên (hoặc tên không phải chữ)
pdf-read-attachment-no-content = tệp đính kèm `{ $name }` không có nội dung: { $error }
pdf-read-attachment-too-large = tệp đính kèm `{ $name }` lớn hơn { $size } khi giải nén (giới hạn cho một tệp đính kèm, xem README, mục "Limits")
pdf-read-attachment-unreadable = không đọc được tệp đính kèm `{ $name }`: { $error }

## Đọc chữ in trong PDF (src/pdf_text)

pdf-text-not-a-pdf = không phải tệp PDF
pdf-text-encrypted = PDF được khóa bằng mật khẩu
pdf-text-too-large = tệp PDF quá lớn, không đọc được ({ $size } MB; tối đa { $max } MB)
pdf-text-damaged = tệp PDF bị hỏng: { $what }
pdf-text-no-text = PDF không có chữ để đọc (chỉ có hình ảnh, hoặc trang trắng)
pdf-text-not-a-pdf-help = chọn đúng tệp PDF; tệp Word (.docx) phải lưu thành PDF trước (File → Save As → PDF)
pdf-text-encrypted-help = mở tệp bằng mật khẩu rồi lưu một bản không khóa (Print → Save as PDF), sau đó dùng bản đó
pdf-text-too-large-help = một báo cáo chỉ vài MB; xuất lại không kèm phụ lục quét, hoặc nén bớt hình ảnh
pdf-text-damaged-help = tệp có thể bị cắt cụt khi sao chép hoặc tải về: xin lại bản khác từ người gửi, hoặc xuất lại tệp
pdf-text-no-text-help = tệp này giống bản quét: hãy so sánh với bản PDF xuất trực tiếp từ văn bản, hoặc nhận dạng chữ (OCR) trước
pdf-text-cut-short = tệp kết thúc trước khi hết nội dung PDF (cuối tệp không có `%%EOF`)
pdf-text-unknown-error = lỗi không rõ
pdf-text-reader-stopped = trình đọc PDF dừng lại ở tệp này ({ $message })
pdf-text-no-xref = không đọc được danh sách trang và bảng tham chiếu của tệp
pdf-text-too-many-glyphs = trang { $page } vẽ hơn { $max } ký tự

verify-fonts-missing = không dựng lại được: { $n } phông chữ dùng để dựng PDF không có sẵn trong baocao và cũng không có trong { $dirs } (tìm theo mã SHA-256):
    { $fonts }
        thêm `--project DIR` trỏ tới dự án có thư mục fonts/ của báo cáo, hoặc chạy lệnh trong thư mục dự án đó
verify-attached-sources = các tệp nguồn đính kèm trong PDF

## `baocao facts index` cho người đọc (src/fact_index.rs); nhãn trong cột rộng 8

index-estimate = ước tính (ước)
index-target = mục tiêu
index-defined = khai báo
index-from = lấy từ
index-derived = tính từ
index-check = kiểm tra
index-tolerance = sai số ±{ $tolerance }
index-printed = in tại
index-nowhere = không in ở đâu
index-page = trang { $page }
index-page-unknown = trang ?
index-summary = { $facts } số liệu, in { $printings } lần trên { $pages } trang; { $unused } số liệu không in ở đâu

verify-manifest-unreadable = không đọc được manifest.json: { $error }
verify-manifest-unreadable-help = bảng kê nguồn của tệp PDF do chương trình khác ghi, hoặc đã bị sửa: không kiểm tra được các tệp nguồn
