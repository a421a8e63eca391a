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
