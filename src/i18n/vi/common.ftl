# Các từ mọi thông báo dùng: mức độ trước một phát hiện, nhãn các dòng của nó.

severity-error = lỗi
severity-warning = cảnh báo
label-help = gợi ý
label-note = ghi chú

# số đếm (tiếng Việt không đổi dạng số nhiều)
count-pages = { $n } trang
