# Messages of src/diff (see src/i18n/mod.rs).

## Bảng so sánh cho người đọc (`baocao diff`); kết quả JSON không dịch.

diff-heading-summary = Tóm tắt
diff-heading-metadata = Thể thức văn bản
diff-heading-facts = Số liệu
diff-heading-text = Nội dung
diff-heading-footnotes = Chú thích
diff-heading-layout = Trình bày:
diff-layout-differs = { $path } đã thay đổi (bản PDF sẽ trông khác)

# tên các dòng của phần tóm tắt (tối đa 10 ký tự)
diff-summary-metadata = thể thức
diff-summary-facts = số liệu
diff-summary-text = nội dung
diff-summary-footnotes = chú thích
diff-summary-layout = trình bày
diff-summary-no-changes = không thay đổi

# số lượng trên các dòng tóm tắt
diff-count-changed = sửa { $n }
diff-count-added = thêm { $n }
diff-count-removed = bỏ { $n }
diff-count-renamed = đổi tên { $n }
diff-count-moved = chuyển chỗ { $n }
diff-count-renumbered = đánh số lại { $n }
diff-count-edits = { $n } chỗ sửa
diff-count-edits-in-facts = { $n } chỗ sửa ({ $facts } chỗ do số liệu thay đổi)

# thay đổi của một số liệu (từ đầu dòng, cột rộng 8)
diff-fact-changed = sửa
diff-fact-added = thêm
diff-fact-removed = bỏ
diff-fact-renamed = đổi tên
diff-fact-field-changed = { $field } đã sửa
diff-fact-from = lấy từ
diff-fact-derived = tính từ
diff-fact-not-printed = không in trong báo cáo
diff-fact-printed-at = in tại
diff-fact-was-printed-at = đã in tại

# một trang của PDF, và một chỗ trong bản cũ
diff-page = tr.{ $page }
diff-in-old = bản cũ { $place }
diff-blank = (trống)

diff-text-moved-from = chuyển từ
diff-text-paragraph-added = + đoạn:
diff-text-paragraph-removed = - đoạn:

# thay đổi của một chú thích (từ đầu dòng, cột rộng 11)
diff-note-renumbered = đánh số lại
diff-note-added = thêm
diff-note-removed = bỏ
diff-note-changed = sửa
diff-note-was = trước là [^{ $number }]
diff-notes-renumbered-count = { $n } chú thích, nội dung không đổi

# bản PDF được so sánh thế nào
diff-pdf-verified = { $source }: khớp với các tệp nguồn đính kèm; so sánh theo tệp nguồn
diff-pdf-does-not-match = { $source }: không khớp với các tệp nguồn đính kèm ({ $why }); so sánh theo chữ in trên trang
diff-pdf-no-sources = { $source }: không có tệp nguồn đính kèm; so sánh theo chữ in trên trang
diff-pdf-not-the-same = dựng lại từ tệp nguồn thì không ra đúng bản PDF này
diff-pdf-do-not-build = tệp nguồn không dựng được: { $error }
diff-pdf-cannot-compare = { $help } — không so sánh được tệp này

diff-no-file = `{ $arg }` không tồn tại hoặc không phải là tệp
diff-no-pdf-help = ghi đường dẫn của tệp PDF (báo cáo đã ban hành, hoặc bản dựng bằng `baocao build`)
diff-no-docx-help = ghi đường dẫn của tệp .docx (báo cáo đã gửi dạng Word, hoặc bản gửi lại có sửa)
diff-not-a-version = `{ $arg }` không phải tệp PDF, không phải thư mục dự án, cũng không phải một phiên bản trong kho git tại `{ $repository }`
diff-not-a-version-help = ghi một tệp PDF, một thư mục chứa content/, hoặc một phiên bản git như `HEAD~1` (xem `git log --oneline`)
diff-cannot-read = không đọc được `{ $arg }`: { $error }
diff-cannot-read-help = kiểm tra đường dẫn, và tệp đó là PDF có dung lượng bình thường
diff-redline-no-sources = bản so sánh có đánh dấu (redline) đánh dấu thay đổi trên tệp nguồn của bản MỚI, mà bản MỚI không có tệp nguồn
diff-redline-no-sources-help = ghi bản MỚI là một thư mục dự án, một phiên bản git, hoặc một PDF do baocao dựng có kèm tệp nguồn
