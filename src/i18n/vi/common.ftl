# Các từ mọi thông báo dùng: mức độ trước một phát hiện, nhãn các dòng của nó.

severity-error = lỗi
severity-warning = cảnh báo
label-help = gợi ý
label-note = ghi chú

# số đếm (tiếng Việt không đổi dạng số nhiều)
count-pages = { $n } trang

# typst dừng vì lỗi của chính nó (baocao bắt được)
internal-error = typst dừng vì một lỗi bên trong khi { $stage }: { $message }
internal-error-help = đây là lỗi của typst, do một đoạn chữ bất thường gây ra; tìm các ký tự vô hình dán vào các mục (dấu chỉ hướng chữ, ký tự nối, ký tự điều khiển) và xóa đi
stage-writing-pdf = ghi tệp PDF
stage-laying-out = dàn trang
