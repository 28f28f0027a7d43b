"""The demo sessions' agendas and documents, as data.

Each agenda item: (label, title, kind, presenter, threshold, documents, children).
Each document: (key, doc kind, title, number, pages, confidentiality)."""
from __future__ import annotations

from dataclasses import dataclass, field

UBND = "UBND tỉnh"
HDND = "Thường trực HĐND tỉnh"


@dataclass(frozen=True)
class DocDef:
    key: str
    kind: str  # DocumentKind value
    title: str
    number: str
    pages: int
    confidentiality: str = "internal"
    issuer: str = "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"


@dataclass(frozen=True)
class ItemDef:
    label: str
    title: str
    kind: str  # AgendaItemKind value
    presenter: str = ""
    minutes: int | None = None
    threshold: str | None = None
    documents: tuple[DocDef, ...] = ()
    children: tuple["ItemDef", ...] = field(default_factory=tuple)


HDND_ISSUER = "HỘI ĐỒNG NHÂN DÂN TỈNH ĐẮK LẮK"
BAN_KTNS = "BAN KINH TẾ - NGÂN SÁCH HĐND TỈNH"

UPCOMING = (
    ItemDef("1", "Khai mạc kỳ họp; thông qua chương trình kỳ họp", "procedure",
            "Chủ tịch HĐND tỉnh", 30, documents=(
                DocDef("ct-ky-hop-4", "plan", "Chương trình Kỳ họp thứ Tư, HĐND tỉnh khóa XI",
                       "Số: 215/CTr-HĐND", 6, "public", HDND_ISSUER),
                DocDef("dien-van-khai-mac", "other", "Diễn văn khai mạc Kỳ họp thứ Tư",
                       "Số: 216/DV-HĐND", 4, "public", HDND_ISSUER),
            )),
    ItemDef("2", "Báo cáo tình hình kinh tế - xã hội năm 2026; nhiệm vụ, giải pháp năm 2027",
            "report", "Chủ tịch UBND tỉnh", 60, documents=(
                DocDef("bc-ktxh-2026", "report",
                       "Báo cáo tình hình kinh tế - xã hội năm 2026 và kế hoạch phát triển "
                       "kinh tế - xã hội năm 2027", "Số: 412/BC-UBND", 120),
                DocDef("bc-tham-tra-ktxh", "report",
                       "Báo cáo thẩm tra tình hình kinh tế - xã hội năm 2026",
                       "Số: 88/BC-KTNS", 32, "internal", BAN_KTNS),
            )),
    ItemDef("3", "Báo cáo công tác năm 2026 của Thường trực HĐND, các Ban HĐND tỉnh", "report",
            "Phó Chủ tịch HĐND tỉnh", 30, documents=(
                DocDef("bc-thuong-truc", "report",
                       "Báo cáo kết quả hoạt động năm 2026 của Thường trực HĐND và các Ban",
                       "Số: 301/BC-HĐND", 58, "internal", HDND_ISSUER),
            )),
    ItemDef("4", "Dự toán ngân sách nhà nước năm 2027 và phân bổ ngân sách cấp tỉnh",
            "draft_resolution", "Giám đốc Sở Tài chính", 45, "more_than_half_total", documents=(
                DocDef("tt-du-toan-2027", "submission",
                       "Tờ trình về dự toán thu, chi ngân sách nhà nước năm 2027",
                       "Số: 190/TTr-UBND", 40),
                DocDef("dtnq-du-toan-2027", "draft_resolution",
                       "Dự thảo Nghị quyết về dự toán ngân sách nhà nước năm 2027",
                       "Số: /NQ-HĐND", 24, "internal", HDND_ISSUER),
                DocDef("phu-luc-du-toan-2027", "other",
                       "Phụ lục biểu mẫu dự toán ngân sách năm 2027", "Kèm theo Tờ trình số 190",
                       300),
            )),
    ItemDef("5", "Kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 (điều chỉnh)",
            "draft_resolution", "Giám đốc Sở Tài chính", 40, "more_than_half_total", documents=(
                DocDef("tt-dau-tu-cong", "submission",
                       "Tờ trình điều chỉnh kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030",
                       "Số: 195/TTr-UBND", 180),
                DocDef("dtnq-dau-tu-cong", "draft_resolution",
                       "Dự thảo Nghị quyết điều chỉnh kế hoạch đầu tư công trung hạn",
                       "Số: /NQ-HĐND", 16, "internal", HDND_ISSUER),
            )),
    ItemDef("6", "Nghị quyết quy định mức hỗ trợ học sinh vùng đồng bào dân tộc thiểu số",
            "draft_resolution", "Giám đốc Sở Giáo dục và Đào tạo", 20, "more_than_half_total",
            documents=(
                DocDef("dtnq-ho-tro-hoc-sinh", "draft_resolution",
                       "Dự thảo Nghị quyết quy định mức hỗ trợ học sinh, học viên người dân tộc "
                       "thiểu số trên địa bàn tỉnh", "Số: /NQ-HĐND", 18, "public", HDND_ISSUER),
            )),
    ItemDef("7", "Bảng giá đất áp dụng từ ngày 01 tháng 01 năm 2027", "draft_resolution",
            "Giám đốc Sở Nông nghiệp và Môi trường", 30, "more_than_half_total", documents=(
                DocDef("tt-bang-gia-dat", "submission",
                       "Tờ trình về Bảng giá đất trên địa bàn tỉnh Đắk Lắk", "Số: 201/TTr-UBND",
                       250),
            )),
    ItemDef("8", "Báo cáo công tác phòng, chống tham nhũng, tiêu cực năm 2026", "report",
            "Chánh Thanh tra tỉnh", 20, documents=(
                DocDef("bc-pctn", "report",
                       "Báo cáo công tác phòng, chống tham nhũng, tiêu cực năm 2026",
                       "Số: 420/BC-UBND", 36),
                DocDef("bc-an-ninh", "report",
                       "Báo cáo tình hình an ninh chính trị, trật tự an toàn xã hội năm 2026",
                       "Số: 21/BC-CAT", 28, "confidential", "CÔNG AN TỈNH ĐẮK LẮK"),
            )),
    ItemDef("9", "Báo cáo công tác của các cơ quan tư pháp", "report", "", 45, children=(
        ItemDef("9.1", "Báo cáo công tác của Tòa án nhân dân tỉnh", "report",
                "Chánh án Tòa án nhân dân tỉnh", 15, documents=(
                    DocDef("bc-toa-an", "report", "Báo cáo công tác năm 2026 của Tòa án nhân dân tỉnh",
                           "Số: 35/BC-TA", 22, "internal", "TÒA ÁN NHÂN DÂN TỈNH ĐẮK LẮK"),)),
        ItemDef("9.2", "Báo cáo công tác của Viện kiểm sát nhân dân tỉnh", "report",
                "Viện trưởng Viện kiểm sát nhân dân tỉnh", 15, documents=(
                    DocDef("bc-vien-kiem-sat", "report",
                           "Báo cáo công tác năm 2026 của Viện kiểm sát nhân dân tỉnh",
                           "Số: 40/BC-VKS", 20, "internal", "VIỆN KIỂM SÁT NHÂN DÂN TỈNH ĐẮK LẮK"),)),
        ItemDef("9.3", "Báo cáo công tác thi hành án dân sự", "report",
                "Cục trưởng Cục Thi hành án dân sự", 15, documents=(
                    DocDef("bc-thi-hanh-an", "report", "Báo cáo công tác thi hành án dân sự năm 2026",
                           "Số: 12/BC-THADS", 14, "internal", "THI HÀNH ÁN DÂN SỰ TỈNH ĐẮK LẮK"),)),
    )),
    ItemDef("10", "Chất vấn và trả lời chất vấn", "question_time", "Chủ tọa kỳ họp", 120, documents=(
        DocDef("tong-hop-y-kien-cu-tri", "report",
               "Báo cáo tổng hợp ý kiến, kiến nghị của cử tri trước Kỳ họp thứ Tư",
               "Số: 305/BC-HĐND", 45, "public", HDND_ISSUER),
    )),
    ItemDef("11", "Biểu quyết thông qua các nghị quyết của kỳ họp", "procedure",
            "Chủ tọa kỳ họp", 30),
    ItemDef("12", "Bế mạc kỳ họp", "procedure", "Chủ tịch HĐND tỉnh", 15),
)

EARLIER = (
    ItemDef("1", "Khai mạc kỳ họp chuyên đề", "procedure", "Chủ tịch HĐND tỉnh", 15),
    ItemDef("2", "Nghị quyết thành lập, tổ chức lại một số cơ quan chuyên môn thuộc UBND tỉnh",
            "draft_resolution", "Giám đốc Sở Nội vụ", 30, "more_than_half_total", documents=(
                DocDef("nq-to-chuc-lai", "resolution",
                       "Nghị quyết về việc tổ chức lại các cơ quan chuyên môn thuộc UBND tỉnh",
                       "Số: 45/NQ-HĐND", 12, "public", HDND_ISSUER),)),
    ItemDef("3", "Nghị quyết về chính sách hỗ trợ người dân bị thiệt hại do bão, lũ năm 2026",
            "draft_resolution", "Phó Chủ tịch UBND tỉnh", 30, "more_than_half_total", documents=(
                DocDef("nq-ho-tro-bao-lu", "resolution",
                       "Nghị quyết quy định chính sách hỗ trợ khắc phục thiệt hại do thiên tai",
                       "Số: 46/NQ-HĐND", 10, "public", HDND_ISSUER),)),
    ItemDef("4", "Nghị quyết điều chỉnh chủ trương đầu tư dự án đường cao tốc Khánh Hòa - Buôn Ma Thuột",
            "draft_resolution", "Giám đốc Sở Xây dựng", 30, "more_than_half_total", documents=(
                DocDef("nq-cao-toc", "resolution",
                       "Nghị quyết điều chỉnh chủ trương đầu tư dự án thành phần đường cao tốc",
                       "Số: 47/NQ-HĐND", 8, "public", HDND_ISSUER),)),
    ItemDef("5", "Miễn nhiệm chức danh Ủy viên UBND tỉnh", "election", "Chủ tọa kỳ họp", 20,
            "more_than_half_total"),
    ItemDef("6", "Bế mạc kỳ họp", "procedure", "Chủ tịch HĐND tỉnh", 10),
)

# Results of the earlier session's votes: item label -> (approvals, rejections, abstentions).
EARLIER_RESULTS = {"2": (47, 0, 1), "3": (48, 0, 0), "4": (44, 2, 2), "5": (43, 3, 2)}
