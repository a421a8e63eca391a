# Thông báo của src/cli (xem src/i18n/mod.rs).

## --help: các lệnh, các tham số, chữ của clap

cli-about = Tạo báo cáo hành chính (thể thức Nghị định 30/2020/NĐ-CP) từ số liệu YAML và nội dung Markdown.
cli-heading-usage = Cách dùng
cli-heading-commands = Lệnh
cli-heading-arguments = Tham số
cli-heading-options = Tùy chọn
cli-value-command = LỆNH
cli-value-options = TÙY CHỌN
cli-possible-values = giá trị
cli-default-value = mặc định
cli-arg-help = In phần hướng dẫn này (`--help`: đầy đủ hơn)
cli-arg-version = In số phiên bản
cli-help-about = In phần hướng dẫn của baocao hoặc của một lệnh (`baocao help build`)
cli-arg-help-command = Lệnh cần xem hướng dẫn

cli-arg-quiet = Chỉ in lỗi và cảnh báo: không in các dòng tình trạng, không in tiến độ.
cli-arg-color = Tô màu chữ: auto (khi in ra màn hình, trừ khi có biến NO_COLOR), always (luôn tô) hoặc never (không tô).
cli-arg-lang = Ngôn ngữ của các thông báo: vi (tiếng Việt) hoặc en (tiếng Anh). Không ghi thì: vi khi máy đặt tiếng Việt (LANG=vi_VN.UTF-8), nếu không thì theo dòng `language:` trong report.yaml, nếu không nữa thì en.
cli-arg-project = Thư mục báo cáo (chứa content/, templates/, fonts/).

cli-build-about = Tạo tệp PDF của báo cáo (build-output/report.pdf) và tệp nguồn typst bên cạnh.
cli-build-long-about = Tạo tệp PDF của báo cáo (build-output/report.pdf) và tệp nguồn typst bên cạnh.

    Tạo lại từ cùng nội dung thì ra đúng tệp PDF cũ từng byte (ngày của tệp là ngày của báo cáo, hoặc SOURCE_DATE_EPOCH nếu có); tệp theo chuẩn PDF/A, mang theo các tệp nguồn và manifest.json.
cli-arg-build-output = Nơi ghi tệp PDF, hoặc tệp Word khi tên tệp kết thúc bằng .docx (định dạng kia, nếu yêu cầu, ghi bên cạnh) [mặc định: THƯ-MỤC/build-output/report.pdf].
cli-arg-build-format = Ghi tệp gì: pdf, docx (tệp Word cùng trình bày, có chú thích thật), hoặc cả hai (`pdf,docx`) [mặc định: pdf, hoặc docx khi tên sau -o kết thúc bằng .docx].
cli-arg-build-pdf-standard = Chuẩn PDF cần đáp ứng [mặc định: a-3b, hoặc a-2b khi có --no-sources].
cli-arg-build-no-sources = Không đính kèm các tệp nguồn (report.yaml, số liệu, các mục, mẫu trình bày) và manifest.json vào tệp PDF.
cli-arg-build-timings = In thời gian của từng bước (đọc dự án, số liệu, kiểm tra, tera, Markdown → typst, mẫu trình bày, dàn trang typst, xuất PDF, ghi tệp).

cli-watch-about = Tạo báo cáo, rồi tạo lại mỗi khi một tệp trong content/, templates/ hoặc fonts/ thay đổi (bấm Ctrl-C để dừng).
cli-arg-watch-output = Nơi ghi tệp PDF [mặc định: THƯ-MỤC/build-output/report.pdf].
cli-arg-watch-timings = In thời gian của từng bước sau mỗi lần tạo lại.

cli-init-about = Tạo một thư mục báo cáo mới (thư mục mới hoặc trống): report.yaml, một tệp số liệu, hai mục mẫu, mẫu trình bày và phông chữ, tạo được PDF ngay.
cli-arg-init-dir = Thư mục sẽ chứa báo cáo mới.

cli-check-about = Kiểm tra báo cáo: số liệu chưa khai báo hoặc không dùng, chú thích, số thứ tự đề mục, chính tả tiếng Việt, ký tự phông chữ không có. Kết quả: 0 khi không có lỗi, 1 khi có lỗi (hoặc có cảnh báo, với --deny-warnings), 2 khi gõ lệnh sai.
cli-arg-check-format = `human`: in các phát hiện kèm đoạn trích; `json`: in kết quả dạng JSON (theo docs/check-json.md).
cli-arg-check-deny-warnings = Coi cả cảnh báo là không đạt (kết quả 1), không chỉ lỗi.
cli-arg-check-write-baseline = Ghi các cảnh báo hiện có là "đã biết" vào content/check-baseline.yaml (giữ các lý do đã ghi): các lần check, build, watch sau chỉ báo cảnh báo mới.

cli-diff-about = So sánh hai phiên bản báo cáo: thông tin văn bản, số liệu (kèm mọi chỗ in), nội dung như khi in, chú thích. Kết quả: 0 giống nhau, 1 khác nhau, 2 có lỗi.
cli-arg-diff-old = Phiên bản cũ: tệp PDF (bản đã ban hành, hoặc do baocao tạo), tệp Word (.docx), thư mục báo cáo, hoặc một phiên bản git (`HEAD~1`, tên thẻ, mã commit); thư mục được ưu tiên hơn phiên bản git cùng tên.
cli-arg-diff-new = Phiên bản mới: tệp PDF, tệp Word (.docx), thư mục báo cáo, hoặc một phiên bản git.
cli-arg-diff-format = Cách in các chỗ khác nhau: `human` (tóm tắt rồi chi tiết) hoặc `json` (theo docs/diff-json.md).
cli-arg-diff-redline = Ghi thêm một tệp PDF đánh dấu thay đổi: báo cáo mới với chỗ thêm, chỗ xóa, số liệu đổi được tô (bản mới phải có nguồn: thư mục, phiên bản git hoặc PDF do baocao tạo).
cli-arg-diff-project = Thư mục có kho git để đọc các phiên bản; thư mục fonts/ của nó cũng dùng để tạo lại PDF từ nguồn đính kèm.

cli-verify-about = Kiểm tra một tệp PDF có đúng là kết quả của các nguồn đính kèm trong nó không (tạo lại và so từng byte).
cli-verify-long-about = Kiểm tra một tệp PDF có đúng là kết quả của các nguồn đính kèm trong nó không (tạo lại và so từng byte).

    Kết quả 0: đúng; 1: không đúng (tệp đã bị sửa, hoặc không phải kết quả của nguồn); 3: không xác định được (không có nguồn đính kèm, thiếu phông chữ, nguồn không tạo được PDF).
cli-arg-verify-pdf = Tệp PDF cần kiểm tra (do `baocao build` tạo).
cli-arg-verify-project = Thư mục báo cáo để so: liệt kê các tệp khác với nguồn trong PDF. Phông chữ trong fonts/ của nó được dùng khi tạo lại [mặc định: tìm phông chữ trong ./fonts].

cli-import-about = Tạo thư mục báo cáo từ một tệp Word (`import TỆP.docx THƯ-MỤC`), hoặc đưa bản góp ý gửi lại dạng .docx vào báo cáo gốc (`import TỆP.docx --into THƯ-MỤC`).
cli-import-long-about = Tạo thư mục báo cáo từ một tệp Word (`import TỆP.docx THƯ-MỤC`), hoặc đưa bản góp ý gửi lại dạng .docx vào báo cáo gốc (`import TỆP.docx --into THƯ-MỤC`).

    Ghi tệp IMPORT.md trong thư mục báo cáo: phần nào đã chuyển được, phần nào chưa (bảng, hình, hộp văn bản, trường, bình luận, theo dõi thay đổi).
cli-arg-import-file = Tệp Word (.docx).
cli-arg-import-dir = Thư mục của báo cáo mới (mới hoặc trống).
cli-arg-import-into = Đưa TỆP (bản dự thảo đã gửi đi dạng .docx và nhận lại có sửa) vào báo cáo gốc: số liệu sửa thành thay đổi số liệu, chữ sửa thành thay đổi trong các mục.
cli-arg-import-accept-changes = Chấp nhận các thay đổi được theo dõi (chỗ thêm, chỗ xóa); không có tùy chọn này thì chỉ liệt kê chúng và đọc văn bản như trước khi sửa.
cli-arg-import-dry-run = Chỉ cho xem sẽ ghi gì (báo cáo chuyển đổi; với --into, các thay đổi như `diff` in), không ghi gì.

cli-facts-about = Liệt kê mọi số liệu: giá trị, đơn vị, kỳ, ước tính/kế hoạch, và mọi chỗ in số liệu đó (tệp mục:dòng và số trang).
cli-arg-facts-format = Định dạng kết quả.

cli-serve-about = Mở trang làm việc trong trình duyệt: các trang báo cáo, số liệu, các mục, phát hiện và so sánh, sửa được ngay. In ra địa chỉ (kèm mã bí mật) để mở.
cli-arg-serve-port = Cổng mạng để nghe [mặc định: cổng trống đầu tiên từ 8640].
cli-arg-serve-open = Mở trình duyệt mặc định ở địa chỉ của trang làm việc.
cli-arg-serve-host = Nghe ở một địa chỉ khác 127.0.0.1 (chỉ máy này). Ai vào được địa chỉ đó và biết mã bí mật thì đọc và sửa được báo cáo: chương trình sẽ in cảnh báo. Không nhận 0.0.0.0 và :: (mọi địa chỉ): hãy ghi một địa chỉ cụ thể.

## lỗi khi gõ lệnh

cli-error-unknown-argument = lệnh này không có tùy chọn `{ $arg }`
cli-error-unknown-command = không có lệnh `{ $command }`
cli-error-missing-value = thiếu giá trị sau `{ $arg }`
cli-error-invalid-value = `{ $arg }` không nhận giá trị `{ $value }`; các giá trị được phép: { $allowed }
cli-error-bad-value = `{ $value }` không phải giá trị đúng cho `{ $arg }`
cli-error-number-of-values = số giá trị sau `{ $arg }` không đúng
cli-error-conflict = không dùng `{ $arg }` cùng với `{ $other }`
cli-error-missing-argument = thiếu { $arg }
cli-error-missing-command = hãy ghi tên lệnh, ví dụ `baocao build`
cli-error-invalid-utf8 = một tham số có ký tự không đọc được (không phải UTF-8)
cli-error-other = dòng lệnh không đúng
cli-error-did-you-mean = có phải ý bạn là `{ $suggestion }`?
cli-error-see-help = xem hướng dẫn: `{ $help }`

## các lệnh in ra

cli-cannot-write-output = không ghi được kết quả: { $error }
cli-failed = { $what } ({ $errors } lỗi){ $after }
cli-word-check = kiểm tra:
cli-word-created = đã tạo
cli-word-next = tiếp theo:
cli-word-wrote = đã ghi
cli-word-diff = so sánh:
cli-word-dry-run = chạy thử:
cli-word-imported = đã chuyển
cli-word-applied = đã áp dụng

cli-init-created = báo cáo mới trong { $dir } ({ $n } tệp)
cli-init-next = cd { $dir } && baocao build   (hoặc: baocao build --project { $dir })
cli-init-not-a-folder = `{ $path }` đã có và không phải là thư mục
cli-init-not-a-folder-help = chọn một tên thư mục khác: `{ $example }`
cli-init-not-empty = thư mục `{ $path }` đã có tệp; baocao { $command } chỉ tạo báo cáo trong thư mục mới hoặc trống, không ghi đè
cli-init-not-empty-help = chọn một tên thư mục khác (`{ $example }`), hoặc dọn trống thư mục trước
cli-init-cannot-create = không tạo được báo cáo trong `{ $path }`: { $error }
cli-init-cannot-create-help = kiểm tra thư mục chứa nó có tồn tại và ghi được không

cli-check-cannot-json = không ghi được kết quả dạng JSON: { $error }
cli-baseline-cannot-write = không ghi được danh sách cảnh báo đã biết
cli-baseline-has-errors = báo cáo còn lỗi: sửa các lỗi trước (chỉ ghi được cảnh báo là đã biết, không ghi được lỗi)
cli-baseline-wrote = { $path } ({ $n } phát hiện đã biết)

cli-diff-progress = đang so sánh
cli-diff-redline-no-sources = `{ $new }` không có nguồn để đánh dấu thay đổi, nên không tạo được bản đánh dấu
cli-diff-redline-no-sources-help = bản mới phải là thư mục báo cáo, phiên bản git, hoặc tệp PDF do baocao tạo có nguồn đính kèm
cli-diff-redline-wrote = bản đánh dấu thay đổi { $path } ({ $pages } trang)
cli-diff-failed = không so sánh được

cli-facts-failed = không liệt kê được các số liệu

cli-verify-no-file = không có tệp `{ $path }`
cli-verify-no-file-help = ghi đường dẫn của một tệp PDF do `baocao build` tạo
cli-verify-not-a-project = `{ $path }` không phải thư mục báo cáo: trong đó không có thư mục content/
cli-verify-not-a-project-help = ghi thư mục chứa content/, templates/ và fonts/

cli-import-no-dir = ghi thêm thư mục của báo cáo mới: `baocao import TỆP.docx THƯ-MỤC`
cli-import-dry-run = sẽ ghi { $n } tệp vào { $dir }; chưa ghi gì
cli-import-done = { $file } vào { $dir } ({ $files } tệp: { $sections } mục, { $namespaces } tệp số liệu, { $footnotes } chú thích, { $facts } số liệu)
cli-import-next = baocao build --project { $dir }   (báo cáo chuyển đổi ở trên có trong { $summary })

cli-draft-failed = không đưa được bản góp ý vào báo cáo
cli-draft-nothing-written = ; chưa ghi gì
cli-draft-changes = Các thay đổi được theo dõi ({ $how }):
cli-draft-changes-accepted = đã chấp nhận
cli-draft-changes-not-applied = chưa áp dụng; thêm `--accept-changes` để chấp nhận
cli-draft-change = { $kind } của { $author } ngày { $date }: "{ $text }"
cli-draft-comments = Bình luận (không tự áp dụng; sửa trong các tệp nguồn theo bình luận):
cli-draft-comment = { $author } ngày { $date }, tại "{ $anchor }": { $text }
cli-draft-not-applied = chưa áp dụng: { $what }
cli-draft-cannot-compare = không so sánh được kết quả
cli-draft-summary = { $facts } số liệu, { $rewritten } đoạn viết lại, { $added } đoạn thêm, { $removed } đoạn xóa, { $notes_changed } chú thích sửa, { $notes_added } chú thích thêm; { $files } tệp
cli-draft-dry-run = sẽ thay đổi { $summary }; chưa ghi gì
cli-draft-partly = bản góp ý mới được đưa vào một phần
cli-draft-nothing-to-change = (không có gì thay đổi)
cli-draft-applied = { $file } vào { $dir }: { $summary }{ $nothing }
cli-draft-unknown = (không rõ)

## chương trình gặp sự cố (lỗi của baocao)

cli-internal-error = lỗi bên trong chương trình (hãy báo cho người phát triển): { $panic }
