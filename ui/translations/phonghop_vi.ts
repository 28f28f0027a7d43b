<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN" sourcelanguage="en">
<context>
    <name>AgendaModel</name>
    <message>
        <source>Other vote results</source>
        <translation>Kết quả biểu quyết khác</translation>
    </message>
    <message>
        <source>Presented by: %1</source>
        <translation>Trình bày: %1</translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <source>Session agenda</source>
        <translation>Chương trình kỳ họp</translation>
    </message>
    <message>
        <source>Select a session to see its agenda.</source>
        <translation>Chọn một kỳ họp để xem chương trình.</translation>
    </message>
    <message>
        <source>%1, starts at %2</source>
        <translation>%1, bắt đầu lúc %2</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Thời gian: %1</translation>
    </message>
    <message>
        <source>Place: %1</source>
        <translation>Địa điểm: %1</translation>
    </message>
    <message>
        <source>Loading the agenda…</source>
        <translation>Đang tải chương trình kỳ họp…</translation>
    </message>
    <message>
        <source>This session has no agenda yet.</source>
        <translation>Kỳ họp này chưa có chương trình.</translation>
    </message>
</context>
<context>
    <name>ClientCommandLine</name>
    <message>
        <source>Paperless meeting room: the desktop client.</source>
        <translation>Phòng họp không giấy: ứng dụng trên máy tính.</translation>
    </message>
    <message>
        <source>address of the phonghop server</source>
        <translation>địa chỉ máy chủ phonghop</translation>
    </message>
    <message>
        <source>log in as this user (the password is read from $PHONGHOP_PASSWORD)</source>
        <translation>đăng nhập bằng tên này (mật khẩu lấy từ biến môi trường $PHONGHOP_PASSWORD)</translation>
    </message>
    <message>
        <source>language of the interface: vi or en</source>
        <translation>ngôn ngữ giao diện: vi hoặc en</translation>
    </message>
    <message>
        <source>folder for downloaded documents</source>
        <translation>thư mục lưu tài liệu đã tải về</translation>
    </message>
    <message>
        <source>save the main window to this PNG file once loaded, then exit</source>
        <translation>khi tải xong dữ liệu, lưu ảnh cửa sổ chính vào tệp PNG này rồi thoát</translation>
    </message>
    <message>
        <source>open the N-th document of the first agenda item</source>
        <translation>mở tài liệu thứ N của mục đầu tiên trong chương trình kỳ họp</translation>
    </message>
    <message>
        <source>run without a display</source>
        <translation>chạy không cần màn hình</translation>
    </message>
</context>
<context>
    <name>ClientFlow</name>
    <message>
        <source>Screenshot mode needs a user name and a password.</source>
        <translation>Chế độ chụp màn hình cần tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>Screenshot failed: %1</source>
        <translation>Không chụp được màn hình: %1</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <source>Select a document in the session agenda to read it.</source>
        <translation>Chọn một tài liệu trong chương trình kỳ họp để đọc.</translation>
    </message>
    <message>
        <source>Loading the document…</source>
        <translation>Đang tải tài liệu…</translation>
    </message>
    <message>
        <source>The document cannot be opened</source>
        <translation>Không mở được tài liệu</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Opening the document…</source>
        <translation>Đang mở tài liệu…</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>PAPERLESS MEETING ROOM</source>
        <translation>PHÒNG HỌP KHÔNG GIẤY</translation>
    </message>
    <message>
        <source>Logged in as %1</source>
        <translation>Đã đăng nhập với tên %1</translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation>Vai trò: %1</translation>
    </message>
    <message>
        <source>No role in this session</source>
        <translation>Không có vai trò trong kỳ họp này</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in – Paperless meeting room</source>
        <translation>Đăng nhập – Phòng họp không giấy</translation>
    </message>
    <message>
        <source>Paperless meeting room</source>
        <translation>Phòng họp không giấy</translation>
    </message>
    <message>
        <source>Log in to read the session&apos;s agenda and documents.</source>
        <translation>Đăng nhập để xem chương trình và tài liệu kỳ họp.</translation>
    </message>
    <message>
        <source>e.g. http://192.168.1.10:8000</source>
        <translation>ví dụ: http://192.168.1.10:8000</translation>
    </message>
    <message>
        <source>Your user name</source>
        <translation>Tên đăng nhập của bạn</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>Mật khẩu của bạn</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Máy chủ:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Tên đăng nhập:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Mật khẩu:</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Please enter the server address.</source>
        <translation>Vui lòng nhập địa chỉ máy chủ.</translation>
    </message>
    <message>
        <source>Please enter your user name and password.</source>
        <translation>Vui lòng nhập tên đăng nhập và mật khẩu.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Paperless meeting room</source>
        <translation>Phòng họp không giấy</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <source>Loading the sessions…</source>
        <translation>Đang tải danh sách kỳ họp…</translation>
    </message>
    <message>
        <source>There is no session to show.</source>
        <translation>Không có kỳ họp nào để hiển thị.</translation>
    </message>
    <message>
        <source>The sessions could not be loaded.</source>
        <translation>Không tải được danh sách kỳ họp.</translation>
    </message>
    <message>
        <source>The vote results could not be loaded.</source>
        <translation>Không tải được kết quả biểu quyết.</translation>
    </message>
    <message>
        <source>The agenda could not be loaded.</source>
        <translation>Không tải được chương trình kỳ họp.</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>Sao &amp;chép</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>ScreenshotJob</name>
    <message>
        <source>The document number must be 1 or more.</source>
        <translation>Số thứ tự tài liệu phải từ 1 trở lên.</translation>
    </message>
    <message>
        <source>There is no session, so no document to open.</source>
        <translation>Không có kỳ họp nào nên không có tài liệu để mở.</translation>
    </message>
    <message>
        <source>The first agenda item has %1 document(s); document %2 does not exist.</source>
        <translation>Mục đầu tiên của chương trình kỳ họp có %1 tài liệu; không có tài liệu thứ %2.</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation>Không lưu được ảnh chụp màn hình vào %1.</translation>
    </message>
    <message>
        <source>The data did not load within %1 seconds.</source>
        <translation>Dữ liệu không tải xong trong vòng %1 giây.</translation>
    </message>
</context>
<context>
    <name>SessionListPanel</name>
    <message>
        <source>Sessions</source>
        <translation>Kỳ họp</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>You have no sessions yet.</source>
        <translation>Bạn chưa có kỳ họp nào.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>In preparation</source>
        <translation>Đang chuẩn bị</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Sắp diễn ra</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ tọa</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Văn thư</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Submission</source>
        <translation>Tờ trình</translation>
    </message>
    <message>
        <source>Draft resolution</source>
        <translation>Dự thảo nghị quyết</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Nghị quyết</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Kế hoạch</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Open vote</source>
        <translation>Biểu quyết công khai</translation>
    </message>
    <message>
        <source>Named vote</source>
        <translation>Biểu quyết ghi danh</translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <source>Confidence vote</source>
        <translation>Lấy phiếu tín nhiệm</translation>
    </message>
    <message>
        <source>Election</source>
        <translation>Bầu cử</translation>
    </message>
    <message>
        <source>The user name or password is incorrect.</source>
        <translation>Tên đăng nhập hoặc mật khẩu không đúng.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a few minutes and try again.</source>
        <translation>Bạn đã thử quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.</translation>
    </message>
    <message>
        <source>Your login has expired. Please log in again.</source>
        <translation>Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.</translation>
    </message>
    <message>
        <source>You do not have permission to see this content.</source>
        <translation>Bạn không có quyền xem nội dung này.</translation>
    </message>
    <message>
        <source>The requested data was not found on the server.</source>
        <translation>Không tìm thấy dữ liệu được yêu cầu trên máy chủ.</translation>
    </message>
    <message>
        <source>The server ran into a problem. Please try again later.</source>
        <translation>Máy chủ đang gặp sự cố. Vui lòng thử lại sau.</translation>
    </message>
    <message>
        <source>The server sent an answer that cannot be read.</source>
        <translation>Máy chủ trả về dữ liệu không đọc được.</translation>
    </message>
    <message>
        <source>The downloaded file is damaged (its checksum does not match). Please open the document again.</source>
        <translation>Tệp tải về bị lỗi (mã kiểm tra không khớp). Vui lòng mở lại tài liệu.</translation>
    </message>
    <message>
        <source>The document cannot be saved on this device (the disk may be full).</source>
        <translation>Không lưu được tài liệu trên máy này (ổ đĩa có thể đã đầy).</translation>
    </message>
    <message>
        <source>The document file could not be found.</source>
        <translation>Không tìm thấy tệp tài liệu.</translation>
    </message>
    <message>
        <source>The PDF file is damaged or not a valid PDF and cannot be displayed.</source>
        <translation>Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể hiển thị.</translation>
    </message>
    <message>
        <source>The document is protected by a password and cannot be displayed.</source>
        <translation>Tài liệu được bảo vệ bằng mật khẩu nên không thể hiển thị.</translation>
    </message>
    <message>
        <source>The document has no pages.</source>
        <translation>Tài liệu không có trang nào.</translation>
    </message>
    <message>
        <source>This page does not exist in the document.</source>
        <translation>Tài liệu không có trang này.</translation>
    </message>
    <message>
        <source>Confidential</source>
        <comment>short marker on a document</comment>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Thông qua</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Không thông qua</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>Số %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <source>The server at %1 cannot be reached. Check the server address and the network connection.</source>
        <translation>Không kết nối được tới máy chủ %1. Vui lòng kiểm tra địa chỉ máy chủ và kết nối mạng.</translation>
    </message>
    <message>
        <source>Something went wrong (error code: %1). Please try again or contact technical support.</source>
        <translation>Đã xảy ra lỗi (mã lỗi: %1). Vui lòng thử lại hoặc liên hệ bộ phận kỹ thuật.</translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Confidential document: do not share it.</source>
        <translation>Tài liệu mật: không được sao chép, chia sẻ.</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Trang trước (Page Up)</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Trước</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Trang sau (Page Down)</translation>
    </message>
    <message>
        <source>Next ›</source>
        <comment>next page</comment>
        <translation>Sau ›</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Type a page number and press Enter</source>
        <translation>Nhập số trang rồi nhấn Enter</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Fit the page to the width of the window</source>
        <translation>Hiển thị trang vừa với chiều rộng cửa sổ</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>phiên bản %1</translation>
    </message>
</context>
</TS>
