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
    <message numerus="yes">
        <source>%n request(s) to speak</source>
        <translation>
            <numerusform>%n đăng ký phát biểu</numerusform>
        </translation>
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
    <message>
        <source>End the discussion of this item</source>
        <translation>Kết thúc thảo luận nội dung này</translation>
    </message>
    <message>
        <source>Set as the item under discussion</source>
        <translation>Đặt làm nội dung đang thảo luận</translation>
    </message>
    <message>
        <source>Request to speak on this item</source>
        <translation>Đăng ký phát biểu về nội dung này</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <source>Open the sitting</source>
        <translation>Khai mạc phiên họp</translation>
    </message>
    <message>
        <source>Close the sitting</source>
        <translation>Bế mạc phiên họp</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>Đại biểu</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Chỗ ngồi</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <source>Excused…</source>
        <translation>Vắng có lý do…</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <source>Mark the selected delegate:</source>
        <translation>Ghi cho đại biểu đang chọn:</translation>
    </message>
    <message>
        <source>Present: %1 of %2 delegates. A sitting needs %3: %4.</source>
        <translation>Có mặt: %1/%2 đại biểu. Phiên họp cần %3 đại biểu: %4.</translation>
    </message>
    <message>
        <source>reached</source>
        <translation>đã đủ</translation>
    </message>
    <message>
        <source>not reached</source>
        <translation>chưa đủ</translation>
    </message>
    <message>
        <source>No sitting is planned or every one has ended.</source>
        <translation>Không có phiên họp nào sắp tới hoặc mọi phiên họp đã kết thúc.</translation>
    </message>
    <message>
        <source>open</source>
        <translation>đang mở</translation>
    </message>
    <message>
        <source>not opened yet</source>
        <translation>chưa khai mạc</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Vắng có lý do</translation>
    </message>
    <message>
        <source>Not checked in</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <source>Excused absence</source>
        <translation>Vắng có lý do</translation>
    </message>
    <message>
        <source>Reason of the absence:</source>
        <translation>Lý do vắng mặt:</translation>
    </message>
</context>
<context>
    <name>BallotCard</name>
    <message>
        <source>Ballot</source>
        <translation>Phiếu biểu quyết</translation>
    </message>
    <message>
        <source>Choose first</source>
        <translation>Hãy chọn trước</translation>
    </message>
    <message>
        <source>Put aside</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
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
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Tap your choice, then confirm to send the ballot.</source>
        <translation>Chạm vào lựa chọn của bạn, rồi bấm xác nhận để gửi phiếu.</translation>
    </message>
    <message>
        <source>Confirm: %1</source>
        <translation>Xác nhận: %1</translation>
    </message>
    <message>
        <source>Answered %1 of %2.</source>
        <translation>Đã chọn cho %1/%2 người.</translation>
    </message>
    <message>
        <source>Agreed with %1 (at most %2).</source>
        <translation>Đồng ý %1 người (tối đa %2).</translation>
    </message>
    <message>
        <source>Confirm and send the ballot</source>
        <translation>Xác nhận và gửi phiếu</translation>
    </message>
    <message>
        <source>Sending your ballot…</source>
        <translation>Đang gửi phiếu…</translation>
    </message>
    <message>
        <source>Your ballot had already been recorded.</source>
        <translation>Phiếu của bạn đã được ghi nhận trước đó.</translation>
    </message>
    <message>
        <source>Recorded. Your ballot is stored on the server.</source>
        <translation>Đã ghi nhận. Phiếu của bạn đã được lưu trên máy chủ.</translation>
    </message>
    <message>
        <source>Your tracking code: when the result is announced, find it in the published ballot box. It shows that your ballot is in the box, never how you voted.</source>
        <translation>Mã kiểm tra phiếu của bạn: khi công bố kết quả, hãy tìm mã này trong hòm phiếu được công bố. Mã cho thấy phiếu của bạn có trong hòm phiếu, không bao giờ cho biết bạn đã chọn gì.</translation>
    </message>
    <message>
        <source>The vote has ended.</source>
        <translation>Cuộc biểu quyết đã kết thúc.</translation>
    </message>
</context>
<context>
    <name>ChairPanel</name>
    <message>
        <source>Running the sitting</source>
        <translation>Điều hành phiên họp</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Attendance (%1/%2)</source>
        <translation>Điểm danh (%1/%2)</translation>
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
        <source>folder for the local copy of sessions and documents</source>
        <translation>thư mục lưu bản sao dữ liệu kỳ họp và tài liệu trên máy</translation>
    </message>
    <message>
        <source>trust the server certificates signed by the CA in this PEM file</source>
        <translation>tin cậy chứng chỉ máy chủ do CA trong tệp PEM này cấp</translation>
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
    <message>
        <source>allow a plain http:// server address of another machine (passwords travel in clear)</source>
        <translation>cho phép địa chỉ máy chủ http:// của một máy khác (mật khẩu được gửi đi không mã hóa)</translation>
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
    <name>Countdown</name>
    <message>
        <source>Time is up</source>
        <translation>Hết giờ</translation>
    </message>
</context>
<context>
    <name>DocumentViewer</name>
    <message>
        <source>Loading the document…</source>
        <translation>Đang tải tài liệu…</translation>
    </message>
    <message>
        <source>A confidential document opens only while this device can reach the server: its key is never stored here.</source>
        <translation>Tài liệu mật chỉ mở được khi máy kết nối được tới máy chủ: khóa mở tài liệu không bao giờ được lưu trên máy.</translation>
    </message>
    <message>
        <source>This document is not on this device yet. It will open as soon as the connection to the server is back.</source>
        <translation>Tài liệu này chưa được tải về máy. Tài liệu sẽ tự mở ngay khi kết nối tới máy chủ được khôi phục.</translation>
    </message>
    <message>
        <source>Opening the document…</source>
        <translation>Đang mở tài liệu…</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this document (no need for accents)</source>
        <translation>Tìm trong tài liệu này (gõ không dấu cũng được)</translation>
    </message>
    <message>
        <source>Previous hit (Shift+Enter)</source>
        <translation>Kết quả trước (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next hit (Enter)</source>
        <translation>Kết quả sau (Enter)</translation>
    </message>
    <message>
        <source>Close the search (Esc)</source>
        <translation>Đóng tìm kiếm (Esc)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>No results</source>
        <translation>Không có kết quả</translation>
    </message>
</context>
<context>
    <name>HallFlow</name>
    <message>
        <source>The session did not load within %1 seconds.</source>
        <translation>Không tải được kỳ họp trong vòng %1 giây.</translation>
    </message>
    <message>
        <source>Screenshot mode needs a user name and a password.</source>
        <translation>Chế độ chụp màn hình cần tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>There is no session %1 for this account.</source>
        <translation>Tài khoản này không có kỳ họp mã %1.</translation>
    </message>
    <message>
        <source>There is no session for this account.</source>
        <translation>Tài khoản này không có kỳ họp nào.</translation>
    </message>
    <message>
        <source>The screenshot could not be saved to %1.</source>
        <translation>Không lưu được ảnh chụp màn hình vào %1.</translation>
    </message>
</context>
<context>
    <name>HallScreen</name>
    <message>
        <source>Hall screen</source>
        <translation>Màn hình hội trường</translation>
    </message>
    <message>
        <source>No connection to the server</source>
        <translation>Mất kết nối với máy chủ</translation>
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
    <name>IdlePage</name>
    <message>
        <source>Under discussion</source>
        <translation>Đang thảo luận</translation>
    </message>
    <message>
        <source>Presented by: %1</source>
        <translation>Trình bày: %1</translation>
    </message>
</context>
<context>
    <name>InkBar</name>
    <message>
        <source>Pen: write on the page</source>
        <translation>Bút: viết lên trang</translation>
    </message>
    <message>
        <source>Eraser: touch a stroke or a mark to erase it</source>
        <translation>Tẩy: chạm vào nét viết hoặc dấu để xóa</translation>
    </message>
    <message>
        <source>Highlight: drag over the words</source>
        <translation>Tô sáng: kéo qua các chữ</translation>
    </message>
    <message>
        <source>Underline: drag over the words</source>
        <translation>Gạch chân: kéo qua các chữ</translation>
    </message>
    <message>
        <source>Strike out: drag over the words</source>
        <translation>Gạch ngang: kéo qua các chữ</translation>
    </message>
    <message>
        <source>Sticky note: tap where it goes</source>
        <translation>Ghi chú dán: chạm vào chỗ muốn đặt</translation>
    </message>
    <message>
        <source>Text box: tap where the words go</source>
        <translation>Hộp chữ: chạm vào chỗ muốn viết</translation>
    </message>
    <message>
        <source>Select: tap a note to share or delete it, drag it to move it</source>
        <translation>Chọn: chạm vào một ghi chú để chia sẻ hoặc xóa, kéo để di chuyển</translation>
    </message>
    <message>
        <source>Share this note with the session (tap again to keep it private)</source>
        <translation>Chia sẻ ghi chú này với kỳ họp (chạm lần nữa để giữ riêng)</translation>
    </message>
    <message>
        <source>Delete this note (Delete)</source>
        <translation>Xóa ghi chú này (phím Delete)</translation>
    </message>
    <message>
        <source>Colour and width</source>
        <translation>Màu và độ đậm nét</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Xanh dương</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Xanh lá</translation>
    </message>
    <message>
        <source>Yellow marker</source>
        <translation>Bút dạ vàng</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>Nét mảnh</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Nét vừa</translation>
    </message>
    <message>
        <source>Broad</source>
        <translation>Nét đậm</translation>
    </message>
    <message>
        <source>Undo (%1)</source>
        <translation>Hoàn tác (%1)</translation>
    </message>
    <message>
        <source>Redo (%1)</source>
        <translation>Làm lại (%1)</translation>
    </message>
    <message>
        <source>Done: back to reading</source>
        <translation>Xong: trở lại đọc</translation>
    </message>
    <message>
        <source>Save a copy of this document with your notes, for any PDF reader</source>
        <translation>Lưu bản sao tài liệu kèm ghi chú của bạn, mở được bằng mọi trình đọc PDF</translation>
    </message>
</context>
<context>
    <name>ItemPanel</name>
    <message>
        <source>Your personal note on this item (only you can see it)</source>
        <translation>Ghi chú cá nhân của bạn về nội dung này (chỉ mình bạn xem được)</translation>
    </message>
    <message>
        <source>My note</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <source>Withdraw my request</source>
        <translation>Rút đăng ký</translation>
    </message>
    <message>
        <source>Ask a question</source>
        <translation>Đăng ký chất vấn</translation>
    </message>
    <message>
        <source>Request to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <source>End the discussion of this item</source>
        <translation>Kết thúc thảo luận nội dung này</translation>
    </message>
    <message>
        <source>Set as the item under discussion</source>
        <translation>Đặt làm nội dung đang thảo luận</translation>
    </message>
    <message>
        <source>Your request is saved on this tablet and waits to be sent.</source>
        <translation>Đăng ký của bạn đã được lưu trên máy và đang chờ gửi.</translation>
    </message>
    <message>
        <source>You are number %1 on the list.</source>
        <translation>Bạn đang ở vị trí thứ %1 trong danh sách chờ.</translation>
    </message>
    <message>
        <source>You have the floor.</source>
        <translation>Bạn đang được mời phát biểu.</translation>
    </message>
    <message>
        <source>question</source>
        <translation>chất vấn</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>chờ gửi</translation>
    </message>
    <message>
        <source>Nobody has asked to speak on this item yet.</source>
        <translation>Chưa có ai đăng ký phát biểu về nội dung này.</translation>
    </message>
    <message>
        <source>Speakers (%1)</source>
        <translation>Đăng ký phát biểu (%1)</translation>
    </message>
    <message>
        <source>Only you can see your notes.</source>
        <translation>Chỉ mình bạn xem được ghi chú này.</translation>
    </message>
    <message>
        <source>Saved on this tablet, waiting to be sent.</source>
        <translation>Đã lưu trên máy, đang chờ gửi.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Mời phát biểu</translation>
    </message>
    <message>
        <source>Has finished speaking</source>
        <translation>Đã phát biểu xong</translation>
    </message>
    <message>
        <source>Back to the waiting list</source>
        <translation>Đưa về danh sách chờ</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
</context>
<context>
    <name>LiveBar</name>
    <message>
        <source>Follow the presenter</source>
        <translation>Theo dõi người trình bày</translation>
    </message>
    <message>
        <source>Show the document and page the presenter shows, as they change. Turning a page yourself stops following.</source>
        <translation>Hiển thị đúng tài liệu và trang mà người trình bày đang chiếu. Khi bạn tự lật trang, việc theo dõi sẽ dừng lại.</translation>
    </message>
    <message>
        <source>You are presenting to the room: page %1.</source>
        <translation>Bạn đang trình chiếu cho cả phòng họp: trang %1.</translation>
    </message>
    <message>
        <source>%1 is presenting a document you do not have access to.</source>
        <translation>%1 đang trình chiếu một tài liệu bạn không có quyền xem.</translation>
    </message>
    <message>
        <source>Following %1: %2, page %3.</source>
        <translation>Đang theo dõi %1: %2, trang %3.</translation>
    </message>
    <message>
        <source>%1 is presenting %2, page %3. You are reading on your own.</source>
        <translation>%1 đang trình chiếu %2, trang %3. Bạn đang xem tự do.</translation>
    </message>
    <message>
        <source>Following the presenter</source>
        <translation>Đang theo dõi người trình bày</translation>
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
        <source>e.g. hop.example.vn or 192.168.1.10:8443</source>
        <translation>ví dụ: hop.example.vn hoặc 192.168.1.10:8443</translation>
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
        <source>Log in again</source>
        <translation>Đăng nhập lại</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>Mật khẩu của %1:</translation>
    </message>
    <message>
        <source>The local copy of the sessions cannot be opened on this device. The client works only while connected to the server. %1</source>
        <translation>Không mở được dữ liệu kỳ họp lưu trên máy này. Ứng dụng chỉ làm việc được khi có kết nối tới máy chủ. %1</translation>
    </message>
    <message>
        <source>Your note could not be kept: this device cannot store changes right now.</source>
        <translation>Không giữ được ghi chú của bạn: thiết bị này hiện chưa lưu được thay đổi.</translation>
    </message>
    <message>
        <source>The vote results could not be loaded.</source>
        <translation>Không tải được kết quả biểu quyết.</translation>
    </message>
    <message>
        <source>This session is not on this device yet. It will be loaded as soon as the connection to the server is back.</source>
        <translation>Dữ liệu của kỳ họp này chưa có trên máy. Dữ liệu sẽ được tải về ngay khi kết nối tới máy chủ được khôi phục.</translation>
    </message>
    <message>
        <source>Loading the agenda…</source>
        <translation>Đang tải chương trình kỳ họp…</translation>
    </message>
    <message>
        <source>The agenda could not be loaded.</source>
        <translation>Không tải được chương trình kỳ họp.</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Sticky note</source>
        <translation>Ghi chú dán</translation>
    </message>
    <message>
        <source>Text box</source>
        <translation>Hộp chữ</translation>
    </message>
    <message>
        <source>Write your note here…</source>
        <translation>Viết ghi chú tại đây…</translation>
    </message>
    <message>
        <source>Share with the session (delegates, chair, secretary and clerk who may read the document)</source>
        <translation>Chia sẻ với kỳ họp (đại biểu, chủ tọa, thư ký và văn thư được đọc tài liệu này)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Shared with the session by another participant.</source>
        <translation>Ghi chú do người dự họp khác chia sẻ với kỳ họp.</translation>
    </message>
    <message>
        <source>On an earlier version of the document: to read only.</source>
        <translation>Ghi chú trên phiên bản cũ của tài liệu: chỉ để xem.</translation>
    </message>
    <message>
        <source>Too long: %1 characters, at most %2.</source>
        <translation>Quá dài: %1 ký tự, tối đa %2.</translation>
    </message>
</context>
<context>
    <name>NotesExport</name>
    <message>
        <source>My notes - %1</source>
        <translation>Ghi chú của tôi - %1</translation>
    </message>
    <message>
        <source>Summary of my notes</source>
        <translation>Tóm tắt ghi chú của tôi</translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation>Tài liệu Word (*.docx)</translation>
    </message>
    <message>
        <source>Writing the summary of my notes…</source>
        <translation>Đang ghi tóm tắt ghi chú…</translation>
    </message>
    <message>
        <source>Summary written with %1 note(s): %2</source>
        <translation>Đã ghi tóm tắt gồm %1 ghi chú: %2</translation>
    </message>
    <message>
        <source>Notes on confidential documents are never exported.</source>
        <translation>Ghi chú trên tài liệu mật không bao giờ được xuất ra.</translation>
    </message>
    <message>
        <source>The summary could not be written: %1</source>
        <translation>Không ghi được bản tóm tắt: %1</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Close this message</source>
        <translation>Đóng thông báo</translation>
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
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Confidence vote result</source>
        <translation>Kết quả lấy phiếu tín nhiệm</translation>
    </message>
    <message>
        <source>Election result</source>
        <translation>Kết quả bầu cử</translation>
    </message>
    <message>
        <source>Vote result</source>
        <translation>Kết quả biểu quyết</translation>
    </message>
    <message>
        <source>Ballots cast: %1/%2 (%3 of all delegates)</source>
        <translation>Số phiếu thu vào: %1/%2 (chiếm %3 tổng số đại biểu)</translation>
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
    <name>SessionSearch</name>
    <message>
        <source>Search the session&apos;s documents</source>
        <translation>Tìm trong tài liệu của kỳ họp</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>trang %1</translation>
    </message>
    <message>
        <source>The first %1 results</source>
        <translation>%1 kết quả đầu tiên</translation>
    </message>
    <message>
        <source>Results: %1</source>
        <translation>Kết quả: %1</translation>
    </message>
    <message>
        <source>No document of this session contains these words.</source>
        <translation>Không tài liệu nào của kỳ họp có các từ này.</translation>
    </message>
    <message>
        <source>Documents still being prepared for search: %1</source>
        <translation>còn %1 tài liệu đang được chuẩn bị để tìm</translation>
    </message>
</context>
<context>
    <name>SittingBar</name>
    <message>
        <source>Check in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Open the ballot</source>
        <translation>Mở phiếu biểu quyết</translation>
    </message>
    <message>
        <source>Run the sitting</source>
        <translation>Điều hành phiên họp</translation>
    </message>
    <message>
        <source>Hall screen</source>
        <translation>Màn hình hội trường</translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation>Đã điểm danh</translation>
    </message>
    <message>
        <source>Excused: %1</source>
        <translation>Vắng có lý do: %1</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Chất vấn</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <source>Vote open: %1 (%2/%3 voted)</source>
        <translation>Đang biểu quyết: %1 (%2/%3 đã biểu quyết)</translation>
    </message>
</context>
<context>
    <name>SittingController</name>
    <message>
        <source>PASSED</source>
        <translation>THÔNG QUA</translation>
    </message>
    <message>
        <source>NOT PASSED</source>
        <translation>KHÔNG THÔNG QUA</translation>
    </message>
    <message>
        <source>Result of the vote “%1”: %2 %3</source>
        <translation>Kết quả biểu quyết “%1”: %2 %3</translation>
    </message>
    <message>
        <source>Your tracking code %1 is in the published ballot box.</source>
        <translation>Mã phiếu %1 của bạn có trong hòm phiếu đã công bố.</translation>
    </message>
    <message>
        <source>Your tracking code %1 is NOT in the published ballot box: tell the secretary of the session at once.</source>
        <translation>Mã phiếu %1 của bạn KHÔNG có trong hòm phiếu đã công bố: hãy báo ngay cho thư ký kỳ họp.</translation>
    </message>
</context>
<context>
    <name>SpeakerPage</name>
    <message>
        <source>Asking a question</source>
        <translation>Đang chất vấn</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <source>Time allowed: %1</source>
        <translation>Thời gian quy định: %1</translation>
    </message>
</context>
<context>
    <name>SpeakersPage</name>
    <message>
        <source>Nobody has the floor.</source>
        <translation>Chưa có ai phát biểu.</translation>
    </message>
    <message>
        <source>End the speech</source>
        <translation>Kết thúc phát biểu</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Mời phát biểu</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Lên</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Xuống</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <source>Set the time</source>
        <translation>Đặt thời gian</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Thời gian:</translation>
    </message>
    <message>
        <source>Waiting to speak, in order:</source>
        <translation>Đăng ký phát biểu, theo thứ tự:</translation>
    </message>
    <message>
        <source>Has the floor: %1</source>
        <translation>Đang phát biểu: %1</translation>
    </message>
    <message>
        <source>question</source>
        <translation>chất vấn</translation>
    </message>
    <message>
        <source>debate</source>
        <translation>thảo luận</translation>
    </message>
</context>
<context>
    <name>SubjectTable</name>
    <message>
        <source>Low: two thirds or more</source>
        <translation>Tín nhiệm thấp từ 2/3 trở lên</translation>
    </message>
    <message>
        <source>Low: more than half</source>
        <translation>Tín nhiệm thấp quá nửa</translation>
    </message>
    <message>
        <source>Official</source>
        <translation>Người được lấy phiếu</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Elected</source>
        <translation>Trúng cử</translation>
    </message>
    <message>
        <source>Tied</source>
        <translation>Bằng phiếu</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Ứng cử viên</translation>
    </message>
    <message>
        <source>% of all delegates</source>
        <translation>% tổng số đại biểu</translation>
    </message>
    <message>
        <source>Page %1/%2</source>
        <translation>Trang %1/%2</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
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
        <source>The server&apos;s security certificate cannot be verified. Check the CA certificate file given to the client (--ca-file).</source>
        <translation>Không xác minh được chứng chỉ bảo mật của máy chủ. Hãy kiểm tra tệp chứng chỉ CA đã cấu hình cho ứng dụng (--ca-file).</translation>
    </message>
    <message>
        <source>This address is not encrypted (http://): your password would travel in clear. Use the server&apos;s https:// address.</source>
        <translation>Địa chỉ này không được mã hóa (http://): mật khẩu của bạn sẽ bị gửi đi không mã hóa. Hãy dùng địa chỉ https:// của máy chủ.</translation>
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
        <source>This page takes too long to display; the file may be damaged. The other pages can still be read.</source>
        <translation>Trang này hiển thị quá lâu, tệp có thể bị hỏng. Các trang khác vẫn đọc được.</translation>
    </message>
    <message>
        <source>This page could not be displayed: the file seems damaged. The other pages can still be read.</source>
        <translation>Không hiển thị được trang này: tệp có vẻ bị hỏng. Các trang khác vẫn đọc được.</translation>
    </message>
    <message>
        <source>This confidential document has been removed from this device (the session was closed, or your access was withdrawn).</source>
        <translation>Tài liệu mật này đã được xóa khỏi máy (kỳ họp đã kết thúc, hoặc quyền truy cập của bạn đã bị thu hồi).</translation>
    </message>
    <message>
        <source>A confidential document opens only where the application keeps the session in sync with the server (it is never stored in clear).</source>
        <translation>Tài liệu mật chỉ mở được khi ứng dụng đồng bộ kỳ họp với máy chủ (tài liệu mật không bao giờ được lưu ở dạng đọc được).</translation>
    </message>
    <message>
        <source>Confidential</source>
        <comment>short marker on a document</comment>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Under discussion</source>
        <translation>Đang thảo luận</translation>
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
    <message>
        <source>the session is already closed</source>
        <translation>kỳ họp đã kết thúc</translation>
    </message>
    <message>
        <source>you have reached the limit for this session; delete some old items first</source>
        <translation>bạn đã đạt giới hạn cho kỳ họp này, hãy xóa bớt một số mục cũ trước</translation>
    </message>
    <message>
        <source>the server could not read it</source>
        <translation>máy chủ không đọc được nội dung này</translation>
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
        <source>This confidential document could not be opened on this device: its key has changed or the copy is damaged. The copy has been deleted; tap &quot;Try again&quot; once it has been downloaded again.</source>
        <translation>Không mở được tài liệu mật này trên máy: khóa đã thay đổi hoặc bản lưu bị hỏng. Bản lưu đã được xóa; hãy bấm &quot;Thử lại&quot; sau khi tài liệu được tải lại.</translation>
    </message>
    <message>
        <source>Something went wrong (error code: %1). Please try again or contact technical support.</source>
        <translation>Đã xảy ra lỗi (mã lỗi: %1). Vui lòng thử lại hoặc liên hệ bộ phận kỹ thuật.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Connection lost – working offline</source>
        <translation>Mất kết nối – đang làm việc ngoại tuyến</translation>
    </message>
    <message>
        <source>Your login has expired – please log in again</source>
        <translation>Phiên đăng nhập hết hạn – hãy đăng nhập lại</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Speaking now</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <source>Has spoken</source>
        <translation>Đã phát biểu</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Đã rút</translation>
    </message>
    <message>
        <source>set the item under discussion</source>
        <translation>đặt nội dung đang thảo luận</translation>
    </message>
    <message>
        <source>present the document</source>
        <translation>trình chiếu tài liệu</translation>
    </message>
    <message>
        <source>request to speak</source>
        <translation>đăng ký phát biểu</translation>
    </message>
    <message>
        <source>withdraw the request to speak</source>
        <translation>rút đăng ký phát biểu</translation>
    </message>
    <message>
        <source>update the list of speakers</source>
        <translation>cập nhật danh sách phát biểu</translation>
    </message>
    <message>
        <source>give the floor</source>
        <translation>mời phát biểu</translation>
    </message>
    <message>
        <source>end the speech</source>
        <translation>kết thúc phát biểu</translation>
    </message>
    <message>
        <source>reorder the speakers</source>
        <translation>sắp xếp lại danh sách phát biểu</translation>
    </message>
    <message>
        <source>remove the request to speak</source>
        <translation>bỏ đăng ký phát biểu</translation>
    </message>
    <message>
        <source>change the speaking time</source>
        <translation>đổi thời gian phát biểu</translation>
    </message>
    <message>
        <source>open the sitting</source>
        <translation>khai mạc phiên họp</translation>
    </message>
    <message>
        <source>close the sitting</source>
        <translation>bế mạc phiên họp</translation>
    </message>
    <message>
        <source>check in</source>
        <translation>điểm danh</translation>
    </message>
    <message>
        <source>record the attendance</source>
        <translation>ghi điểm danh</translation>
    </message>
    <message>
        <source>create the vote</source>
        <translation>tạo cuộc biểu quyết</translation>
    </message>
    <message>
        <source>open the vote</source>
        <translation>mở biểu quyết</translation>
    </message>
    <message>
        <source>close the vote</source>
        <translation>kết thúc biểu quyết</translation>
    </message>
    <message>
        <source>cancel the vote</source>
        <translation>hủy cuộc biểu quyết</translation>
    </message>
    <message>
        <source>save the note</source>
        <translation>lưu ghi chú</translation>
    </message>
    <message>
        <source>delete the note</source>
        <translation>xóa ghi chú</translation>
    </message>
    <message>
        <source>save the annotation</source>
        <translation>lưu chú thích</translation>
    </message>
    <message>
        <source>delete the annotation</source>
        <translation>xóa chú thích</translation>
    </message>
    <message>
        <source>cast the ballot</source>
        <translation>bỏ phiếu</translation>
    </message>
    <message>
        <source>your role in this session does not allow it</source>
        <translation>vai trò của bạn trong kỳ họp không cho phép thao tác này</translation>
    </message>
    <message>
        <source>the data is not valid any more (the agenda or the documents may have changed)</source>
        <translation>dữ liệu không còn hợp lệ (chương trình hoặc tài liệu kỳ họp có thể đã thay đổi)</translation>
    </message>
    <message>
        <source>the situation changed before your change reached the server</source>
        <translation>tình hình đã thay đổi trước khi thao tác của bạn tới được máy chủ</translation>
    </message>
    <message>
        <source>what it refers to no longer exists on the server</source>
        <translation>nội dung liên quan không còn trên máy chủ</translation>
    </message>
    <message>
        <source>the server does not know this action (update the client)</source>
        <translation>máy chủ không biết thao tác này (hãy cập nhật phần mềm)</translation>
    </message>
    <message>
        <source>it needs the server now and the server cannot be reached; try again</source>
        <translation>thao tác này cần máy chủ ngay lúc này nhưng không kết nối được; hãy thử lại</translation>
    </message>
    <message>
        <source>only the chair may do this</source>
        <translation>chỉ chủ tọa được thực hiện việc này</translation>
    </message>
    <message>
        <source>only the chair or the secretary may do this</source>
        <translation>chỉ chủ tọa hoặc thư ký được thực hiện việc này</translation>
    </message>
    <message>
        <source>only the delegates of this session may do this</source>
        <translation>chỉ đại biểu của kỳ họp được thực hiện việc này</translation>
    </message>
    <message>
        <source>this sitting is not part of the session</source>
        <translation>phiên họp này không thuộc kỳ họp</translation>
    </message>
    <message>
        <source>the sitting has ended and its attendance can no longer change</source>
        <translation>phiên họp đã kết thúc, không thể thay đổi điểm danh</translation>
    </message>
    <message>
        <source>this person is not a delegate of the session</source>
        <translation>người này không phải đại biểu của kỳ họp</translation>
    </message>
    <message>
        <source>an excused absence needs its reason</source>
        <translation>vắng có lý do thì phải ghi lý do</translation>
    </message>
    <message>
        <source>the request is no longer waiting</source>
        <translation>đăng ký này không còn trong danh sách chờ</translation>
    </message>
    <message>
        <source>this delegate does not have the floor</source>
        <translation>đại biểu này không đang phát biểu</translation>
    </message>
    <message>
        <source>this vote does not exist</source>
        <translation>cuộc biểu quyết này không tồn tại</translation>
    </message>
    <message>
        <source>the vote has not been opened yet</source>
        <translation>cuộc biểu quyết chưa được mở</translation>
    </message>
    <message>
        <source>the vote is already open</source>
        <translation>cuộc biểu quyết đã được mở</translation>
    </message>
    <message>
        <source>the vote is already closed</source>
        <translation>cuộc biểu quyết đã kết thúc</translation>
    </message>
    <message>
        <source>the vote was cancelled</source>
        <translation>cuộc biểu quyết đã bị hủy</translation>
    </message>
    <message>
        <source>another vote is open; close it first</source>
        <translation>đang có cuộc biểu quyết khác; hãy kết thúc cuộc đó trước</translation>
    </message>
    <message>
        <source>ballots have been cast; the vote can only be closed</source>
        <translation>đã có phiếu được bỏ; chỉ có thể kết thúc cuộc biểu quyết</translation>
    </message>
    <message>
        <source>the choice is not one of this ballot&apos;s</source>
        <translation>lựa chọn không có trên phiếu này</translation>
    </message>
    <message>
        <source>answer for every name on the ballot</source>
        <translation>hãy chọn cho mọi người có tên trên phiếu</translation>
    </message>
    <message>
        <source>you agreed with more candidates than there are seats</source>
        <translation>bạn đã đồng ý nhiều người hơn số được bầu</translation>
    </message>
    <message>
        <source>you have already voted</source>
        <translation>bạn đã biểu quyết rồi</translation>
    </message>
    <message>
        <source>you do not hold a seat of this term</source>
        <translation>bạn không phải đại biểu đương nhiệm của khóa</translation>
    </message>
    <message>
        <source>check in first: only delegates present vote</source>
        <translation>hãy điểm danh trước: chỉ đại biểu có mặt mới biểu quyết</translation>
    </message>
    <message>
        <source>it is too long; please shorten it</source>
        <translation>nội dung quá dài, hãy rút gọn lại</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n thay đổi chờ gửi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server was restored from a backup. This device has read the session again and is sending its %n unconfirmed change(s) again.</source>
        <translation>
            <numerusform>Máy chủ đã được khôi phục từ bản sao lưu. Máy này đã đọc lại kỳ họp và đang gửi lại %n thay đổi chưa được xác nhận.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server has lost recent data. This device has read the session again and is sending its %n unconfirmed change(s) again.</source>
        <translation>
            <numerusform>Máy chủ đã mất một phần dữ liệu gần đây. Máy này đã đọc lại kỳ họp và đang gửi lại %n thay đổi chưa được xác nhận.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The data of this device was copied from another device. It now syncs under its own identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>Dữ liệu trên máy này được sao chép từ một máy khác. Máy đã nhận định danh riêng để đồng bộ; %n thay đổi đang chờ được gửi lại.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The server no longer knew this device&apos;s latest changes. It now syncs under a new identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>Máy chủ không còn biết các thay đổi mới nhất của máy này. Máy đã nhận định danh mới để đồng bộ; %n thay đổi đang chờ được gửi lại.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The local data of this device belonged to another user. It now syncs under its own identity; %n waiting change(s) are being sent again.</source>
        <translation>
            <numerusform>Dữ liệu trên máy này thuộc về một người dùng khác. Máy đã nhận định danh riêng để đồng bộ; %n thay đổi đang chờ được gửi lại.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You no longer have access to a session; its data has been removed from this device (%n unsent change(s) could not be delivered).</source>
        <translation>
            <numerusform>Bạn không còn quyền truy cập một kỳ họp; dữ liệu của kỳ họp đó đã được xóa khỏi máy này (%n thay đổi chưa gửi không thể chuyển đi).</numerusform>
        </translation>
    </message>
    <message>
        <source>Documents: %1/%2</source>
        <translation>Tài liệu: %1/%2</translation>
    </message>
    <message>
        <source>the server refused it (code: %1)</source>
        <translation>máy chủ từ chối (mã: %1)</translation>
    </message>
    <message>
        <source>Could not %1: %2.</source>
        <translation>Không thực hiện được: %1 – %2.</translation>
    </message>
    <message>
        <source>Casting a ballot needs a connection to the server. Check the network and try again.</source>
        <translation>Cần kết nối máy chủ để bỏ phiếu. Hãy kiểm tra mạng và thử lại.</translation>
    </message>
</context>
<context>
    <name>VersionBar</name>
    <message>
        <source>You are reading version %1, replaced by version %2. Notes are written on the current version.</source>
        <translation>Bạn đang xem phiên bản %1, đã được thay bằng phiên bản %2. Ghi chú được ghi trên phiên bản hiện hành.</translation>
    </message>
    <message>
        <source>Version %2 of this document has been published (you are reading version %1).</source>
        <translation>Đã có phiên bản %2 của tài liệu này (bạn đang xem phiên bản %1).</translation>
    </message>
    <message>
        <source>Open the current version</source>
        <translation>Mở phiên bản hiện hành</translation>
    </message>
    <message>
        <source>Notes of yours not placed on this version: %1. Their words were not found in the new text.</source>
        <translation>Ghi chú của bạn chưa đặt lại được trên phiên bản này: %1. Không tìm thấy đoạn chữ của chúng trong văn bản mới.</translation>
    </message>
    <message>
        <source>See them on version %1</source>
        <translation>Xem trên phiên bản %1</translation>
    </message>
</context>
<context>
    <name>ViewerFind</name>
    <message>
        <source>Preparing the document for search…</source>
        <translation>Đang chuẩn bị tài liệu để tìm kiếm…</translation>
    </message>
    <message>
        <source>This document is a scan: it has no text to search</source>
        <translation>Tài liệu này là bản quét, không có chữ để tìm</translation>
    </message>
    <message>
        <source>The text of this document cannot be read</source>
        <translation>Không đọc được chữ của tài liệu này</translation>
    </message>
    <message>
        <source>Confidential documents are not searched</source>
        <translation>Không tìm kiếm trong tài liệu mật</translation>
    </message>
    <message>
        <source>The document is not on this device yet</source>
        <translation>Tài liệu chưa có trên máy này</translation>
    </message>
</context>
<context>
    <name>ViewerInk</name>
    <message>
        <source>The words of this page are not ready yet (a scan has none): try again in a moment.</source>
        <translation>Chữ của trang này chưa sẵn sàng (bản quét không có chữ): hãy thử lại sau giây lát.</translation>
    </message>
    <message>
        <source>A confidential document cannot be saved or exported.</source>
        <translation>Không được lưu hay xuất tài liệu mật.</translation>
    </message>
    <message>
        <source>%1 - my notes</source>
        <translation>%1 - ghi chú của tôi</translation>
    </message>
    <message>
        <source>Save a copy with my notes</source>
        <translation>Lưu bản sao kèm ghi chú</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the copy…</source>
        <translation>Đang lưu bản sao…</translation>
    </message>
    <message>
        <source>Copy saved with %1 note(s): %2</source>
        <translation>Đã lưu bản sao kèm %1 ghi chú: %2</translation>
    </message>
    <message>
        <source>The copy could not be saved: %1</source>
        <translation>Không lưu được bản sao: %1</translation>
    </message>
</context>
<context>
    <name>ViewerPages</name>
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
</context>
<context>
    <name>ViewerSidebar</name>
    <message>
        <source>This document has no bookmarks.</source>
        <translation>Tài liệu này không có mục lục.</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Bookmarks</source>
        <translation>Mục lục</translation>
    </message>
    <message>
        <source>Summary (DOCX)…</source>
        <translation>Tóm tắt (DOCX)…</translation>
    </message>
    <message>
        <source>Write my notes of this session, per agenda item and document, with their pages and the words marked, to a Word document (never those of a confidential document)</source>
        <translation>Ghi các ghi chú của tôi trong kỳ họp này, theo từng nội dung và tài liệu, kèm số trang và đoạn chữ được đánh dấu, ra tệp Word (không bao giờ gồm ghi chú trên tài liệu mật)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>My notes in this session&apos;s documents</source>
        <translation>Ghi chú của tôi trong các tài liệu của kỳ họp</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>Trang %1</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(không tên)</translation>
    </message>
    <message>
        <source>No notes yet: write on a page with ✎.</source>
        <translation>Chưa có ghi chú: viết lên trang bằng ✎.</translation>
    </message>
    <message>
        <source>handwriting</source>
        <translation>nét viết tay</translation>
    </message>
    <message>
        <source>marked text</source>
        <translation>chữ được đánh dấu</translation>
    </message>
    <message>
        <source>Not placed: %1, version %2</source>
        <translation>Chưa đặt lại được: %1, phiên bản %2</translation>
    </message>
    <message>
        <source>Notes whose words were not found in the new version. Tap one to see it on the version it was made on.</source>
        <translation>Những ghi chú không tìm thấy đoạn chữ trong phiên bản mới. Chạm vào một ghi chú để xem nó trên phiên bản đã ghi.</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>tr. %1</translation>
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
        <source>Show the page thumbnails and the bookmarks</source>
        <translation>Hiện ảnh thu nhỏ các trang và mục lục</translation>
    </message>
    <message>
        <source>Write and draw on the page (your notes stay private)</source>
        <translation>Viết, vẽ lên trang (ghi chú của bạn chỉ mình bạn xem)</translation>
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
        <source>Present</source>
        <translation>Trình chiếu</translation>
    </message>
    <message>
        <source>Show this document and page on every tablet in the room; each page you turn follows</source>
        <translation>Chiếu tài liệu và trang này lên mọi máy tính bảng trong phòng họp; mỗi lần bạn lật trang, các máy khác lật theo</translation>
    </message>
    <message>
        <source>Stop presenting</source>
        <translation>Dừng trình chiếu</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>phiên bản %1</translation>
    </message>
    <message>
        <source>Zoom: fit the whole page, fit the width, or a size</source>
        <translation>Thu phóng: vừa cả trang, vừa chiều rộng, hoặc một cỡ</translation>
    </message>
    <message>
        <source>Fit the whole page</source>
        <translation>Vừa cả trang</translation>
    </message>
    <message>
        <source>Fit the width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Continuous scrolling</source>
        <translation>Cuộn liên tục</translation>
    </message>
</context>
<context>
    <name>VotePage</name>
    <message>
        <source>Voting in progress</source>
        <translation>Đang biểu quyết</translation>
    </message>
    <message>
        <source>Ballots cast:</source>
        <translation>Đã bỏ phiếu:</translation>
    </message>
    <message>
        <source>Voted:</source>
        <translation>Đã biểu quyết:</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Thời gian còn lại</translation>
    </message>
</context>
<context>
    <name>VotesPage</name>
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
        <source>More than half of all delegates</source>
        <translation>Quá nửa tổng số đại biểu</translation>
    </message>
    <message>
        <source>At least two thirds of all delegates</source>
        <translation>Ít nhất hai phần ba tổng số đại biểu</translation>
    </message>
    <message>
        <source>More than two thirds of the remaining delegates</source>
        <translation>Quá hai phần ba số đại biểu còn lại</translation>
    </message>
    <message>
        <source>More than half of those present (procedure)</source>
        <translation>Quá nửa số đại biểu có mặt (vấn đề thủ tục)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>no countdown</source>
        <translation>không hẹn giờ</translation>
    </message>
    <message>
        <source>One per line: full name – position</source>
        <translation>Mỗi dòng một người: họ và tên – chức vụ</translation>
    </message>
    <message>
        <source>Prepare the vote</source>
        <translation>Chuẩn bị biểu quyết</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Nội dung:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Hình thức:</translation>
    </message>
    <message>
        <source>Passes with:</source>
        <translation>Thông qua khi:</translation>
    </message>
    <message>
        <source>Countdown:</source>
        <translation>Thời gian biểu quyết:</translation>
    </message>
    <message>
        <source>Officials or candidates:</source>
        <translation>Người được lấy phiếu / ứng cử viên:</translation>
    </message>
    <message>
        <source>Seats to fill:</source>
        <translation>Số người được bầu:</translation>
    </message>
    <message>
        <source>Open the vote</source>
        <translation>Mở biểu quyết</translation>
    </message>
    <message>
        <source>Close the vote</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <source>Cancel the vote</source>
        <translation>Hủy biểu quyết</translation>
    </message>
    <message>
        <source>Vote: %1</source>
        <translation>Biểu quyết: %1</translation>
    </message>
    <message>
        <source>prepared</source>
        <translation>đã chuẩn bị</translation>
    </message>
    <message>
        <source>open</source>
        <translation>đang mở</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>đã kết thúc</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>No vote yet.</source>
        <translation>Chưa có cuộc biểu quyết nào.</translation>
    </message>
    <message>
        <source>%1 of %2 delegates have voted.</source>
        <translation>%1/%2 đại biểu đã biểu quyết.</translation>
    </message>
    <message>
        <source>Not voted yet: %1</source>
        <translation>Chưa biểu quyết: %1</translation>
    </message>
    <message>
        <source>A secret ballot: who has voted is not shown, only how many.</source>
        <translation>Bỏ phiếu kín: chỉ hiện số người đã bỏ phiếu, không hiện ai đã bỏ phiếu.</translation>
    </message>
    <message>
        <source>PASSED</source>
        <translation>THÔNG QUA</translation>
    </message>
    <message>
        <source>NOT PASSED</source>
        <translation>KHÔNG THÔNG QUA</translation>
    </message>
    <message>
        <source>Published ballot box: %1 tracking codes, one per voter.</source>
        <translation>Hòm phiếu đã công bố: %1 mã phiếu, mỗi người bỏ phiếu một mã.</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>Write the officials or candidates, one per line.</source>
        <translation>Hãy ghi người được lấy phiếu hoặc ứng cử viên, mỗi dòng một người.</translation>
    </message>
    <message>
        <source>The vote cannot be prepared like this: at most 50 names, and an election fills at most as many seats as it has candidates.</source>
        <translation>Không thể chuẩn bị cuộc biểu quyết như vậy: tối đa 50 người, và số người được bầu không vượt quá số ứng cử viên.</translation>
    </message>
</context>
</TS>
