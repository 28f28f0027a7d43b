"""Vietnamese phrase banks for demo documents (data only, no logic).

Placeholders filled by ``content``: {year} {prev} {next} {level} {place} {body}
{topic} {indicator} {value} {pct} {pct_plan} {count} {date}.
"""

from __future__ import annotations

# kind -> (opening chapters, closing chapters); domain chapters go between them.
CHAPTERS_BY_KIND: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "report": (
        ("ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN NHIỆM VỤ NĂM {year}",
         "KẾT QUẢ ĐẠT ĐƯỢC TRÊN CÁC LĨNH VỰC CHỦ YẾU"),
        ("TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
         "PHƯƠNG HƯỚNG, NHIỆM VỤ VÀ GIẢI PHÁP NĂM {next}"),
    ),
    "submission": (
        ("SỰ CẦN THIẾT BAN HÀNH NGHỊ QUYẾT", "MỤC ĐÍCH, QUAN ĐIỂM XÂY DỰNG NGHỊ QUYẾT"),
        ("NỘI DUNG CHÍNH CỦA DỰ THẢO NGHỊ QUYẾT", "KIẾN NGHỊ, ĐỀ XUẤT"),
    ),
    "draft_resolution": (
        ("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {year}", "MỤC TIÊU TỔNG QUÁT NĂM {next}"),
        ("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"),
    ),
    "resolution": (
        ("MỤC TIÊU TỔNG QUÁT", "CÁC CHỈ TIÊU CHỦ YẾU NĂM {next}"),
        ("NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", "TỔ CHỨC THỰC HIỆN"),
    ),
    "plan": (
        ("MỤC ĐÍCH, YÊU CẦU", "CHỈ TIÊU VÀ NHIỆM VỤ CỤ THỂ"),
        ("KINH PHÍ THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"),
    ),
    "other": (
        ("THÔNG TIN CHUNG", "NỘI DUNG CHỦ YẾU"),
        ("ĐÁNH GIÁ CHUNG", "ĐỀ XUẤT, KIẾN NGHỊ"),
    ),
}

DOMAIN_CHAPTERS: tuple[str, ...] = (
    "LĨNH VỰC NÔNG NGHIỆP, LÂM NGHIỆP VÀ THỦY SẢN",
    "LĨNH VỰC CÔNG NGHIỆP, XÂY DỰNG VÀ GIAO THÔNG",
    "LĨNH VỰC THƯƠNG MẠI, DỊCH VỤ VÀ DU LỊCH",
    "THU, CHI NGÂN SÁCH NHÀ NƯỚC",
    "ĐẦU TƯ CÔNG VÀ THU HÚT ĐẦU TƯ",
    "GIÁO DỤC, ĐÀO TẠO VÀ PHÁT TRIỂN NGUỒN NHÂN LỰC",
    "Y TẾ VÀ CHĂM SÓC SỨC KHỎE NHÂN DÂN",
    "VĂN HÓA, THỂ THAO VÀ THÔNG TIN",
    "LAO ĐỘNG, VIỆC LÀM VÀ AN SINH XÃ HỘI",
    "TÀI NGUYÊN, MÔI TRƯỜNG VÀ ỨNG PHÓ BIẾN ĐỔI KHÍ HẬU",
    "KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ",
    "CẢI CÁCH HÀNH CHÍNH VÀ XÂY DỰNG CHÍNH QUYỀN",
    "QUỐC PHÒNG, AN NINH VÀ TRẬT TỰ AN TOÀN XÃ HỘI",
    "THANH TRA, TIẾP CÔNG DÂN, GIẢI QUYẾT KHIẾU NẠI, TỐ CÁO",
)

# (section title, subject noun phrase, indicator, unit, low, high, decimals)
TOPICS: tuple[tuple[str, str, str, str, float, float, int], ...] = (
    ("Sản xuất nông nghiệp", "sản xuất nông nghiệp", "giá trị sản xuất nông nghiệp",
     "tỷ đồng", 20000, 60000, 2),
    ("Lâm nghiệp và bảo vệ rừng", "công tác quản lý, bảo vệ và phát triển rừng",
     "diện tích rừng trồng mới", "ha", 1000, 9000, 1),
    ("Công nghiệp và xây dựng", "sản xuất công nghiệp", "giá trị sản xuất công nghiệp",
     "tỷ đồng", 15000, 45000, 2),
    ("Thương mại, dịch vụ", "hoạt động thương mại, dịch vụ",
     "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", "tỷ đồng", 60000, 120000, 2),
    ("Du lịch", "hoạt động du lịch", "tổng lượt khách du lịch", "lượt khách",
     1500000, 3500000, 0),
    ("Xuất khẩu, nhập khẩu", "hoạt động xuất khẩu", "kim ngạch xuất khẩu", "triệu USD",
     800, 2500, 2),
    ("Thu, chi ngân sách nhà nước", "công tác thu ngân sách nhà nước",
     "tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 8000, 20000, 2),
    ("Đầu tư công", "công tác giải ngân vốn đầu tư công", "số vốn đầu tư công đã giải ngân",
     "tỷ đồng", 3000, 9000, 2),
    ("Phát triển doanh nghiệp", "công tác hỗ trợ phát triển doanh nghiệp",
     "số doanh nghiệp thành lập mới", "doanh nghiệp", 600, 1800, 0),
    ("Giáo dục và đào tạo", "công tác giáo dục và đào tạo",
     "tỷ lệ trường đạt chuẩn quốc gia", "%", 55, 85, 2),
    ("Y tế và chăm sóc sức khỏe Nhân dân", "công tác chăm sóc sức khỏe Nhân dân",
     "tỷ lệ dân số tham gia bảo hiểm y tế", "%", 88, 97, 2),
    ("Văn hóa, thể thao", "các hoạt động văn hóa, thể thao",
     "số thiết chế văn hóa cơ sở được đầu tư", "công trình", 20, 140, 0),
    ("Lao động, việc làm và an sinh xã hội", "công tác giải quyết việc làm",
     "số lao động được giải quyết việc làm", "lao động", 18000, 36000, 0),
    ("Giảm nghèo bền vững", "công tác giảm nghèo bền vững", "tỷ lệ hộ nghèo đa chiều",
     "%", 2, 9, 2),
    ("Tài nguyên và môi trường", "công tác quản lý tài nguyên và bảo vệ môi trường",
     "tỷ lệ chất thải rắn sinh hoạt được thu gom, xử lý", "%", 70, 96, 2),
    ("Chuyển đổi số", "công tác chuyển đổi số",
     "tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến", "%", 40, 90, 2),
    ("Cải cách hành chính", "công tác cải cách hành chính",
     "chỉ số hài lòng của người dân, doanh nghiệp", "%", 80, 95, 2),
    ("Quốc phòng, an ninh", "công tác bảo đảm quốc phòng, an ninh",
     "số vụ phạm pháp hình sự được điều tra, làm rõ", "vụ", 300, 900, 0),
    ("Tiếp công dân, giải quyết khiếu nại, tố cáo",
     "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
     "số đơn thư đã được giải quyết", "đơn", 500, 2500, 0),
    ("Xây dựng nông thôn mới", "chương trình xây dựng nông thôn mới",
     "số xã đạt chuẩn nông thôn mới", "xã", 40, 120, 0),
)

SUBSECTIONS: tuple[str, ...] = (
    "Kết quả đạt được", "Tồn tại, hạn chế", "Nguyên nhân", "Nhiệm vụ, giải pháp",
    "Công tác chỉ đạo, điều hành", "Kết quả thực hiện các chỉ tiêu", "Đánh giá chung",
)

SENTENCES: tuple[str, ...] = (
    "{time}, {topic} {trend}; {indicator} ước đạt {value}, tăng {pct}% so với cùng kỳ năm trước.",
    "{Topic} được các cấp, các ngành {attention}, {manner}; {result}.",
    "Tuy nhiên, {topic} vẫn còn một số tồn tại, hạn chế: {problem}; {problem2}.",
    "Nguyên nhân chủ yếu là do {cause}; bên cạnh đó, {cause2}.",
    "{Body} đã ban hành {count} văn bản chỉ đạo, điều hành về {topic}, tập trung {task}.",
    "Các sở, ban, ngành và Ủy ban nhân dân các xã, phường đã chủ động {task}, {task2}.",
    "Trong thời gian tới, cần tiếp tục {task}; đồng thời {task2}, bảo đảm {goal}.",
    "Kết quả thực hiện {topic} năm {year} cho thấy {positive}, góp phần {goal}.",
    "Tính đến ngày {date}, {indicator} đạt {value}, bằng {pct_plan}% kế hoạch năm.",
    "Công tác kiểm tra, giám sát việc thực hiện {topic} được tăng cường; qua kiểm tra đã kịp "
    "thời chấn chỉnh, khắc phục {count} tồn tại, thiếu sót.",
    "Bên cạnh đó, {topic} còn chịu ảnh hưởng bởi {external}, tác động đến {effect}.",
    "Việc triển khai {topic} trên địa bàn {level} {place} đã bám sát Nghị quyết của Hội đồng "
    "nhân dân {level}, {result}.",
    "Công tác phối hợp giữa các cơ quan, đơn vị trong triển khai {topic} ngày càng chặt chẽ; "
    "{result}.",
    "So với năm {prev}, {indicator} tăng {pct}%, cao hơn mức bình quân chung của cả nước.",
    "Việc huy động các nguồn lực cho {topic} được quan tâm; tổng kinh phí bố trí trong năm là "
    "{money} tỷ đồng.",
    "Để khắc phục những hạn chế nêu trên, {body} đã chỉ đạo {task}, {task2}.",
    "Nhiều mô hình, cách làm hay trong {topic} được nhân rộng, {result}.",
    "Dự kiến đến hết năm {year}, {indicator} đạt {value}, vượt {pct}% so với kế hoạch.",
    "Công tác thông tin, tuyên truyền về {topic} được đẩy mạnh với nhiều hình thức phong phú, "
    "đa dạng, tạo sự đồng thuận cao trong Nhân dân.",
)

BULLETS: tuple[str, ...] = (
    "- {Task}, {task2}; bảo đảm {goal}.",
    "- Tập trung {task}, phấn đấu {indicator} đạt {value}.",
    "- {Task}; kịp thời {fix}.",
    "- Chỉ đạo các cơ quan, đơn vị {task}, báo cáo kết quả trước ngày {date}.",
)

SLOTS: dict[str, tuple[str, ...]] = {
    "time": ("Năm {year}", "Trong năm {year}", "Từ đầu năm đến nay", "Trong 10 tháng đầu năm {year}",
             "Trong kỳ báo cáo"),
    "trend": ("tiếp tục duy trì đà tăng trưởng khá", "có bước phát triển tích cực",
              "đạt được nhiều kết quả quan trọng", "có chuyển biến rõ nét",
              "cơ bản đáp ứng yêu cầu đề ra", "được triển khai đồng bộ, hiệu quả"),
    "attention": ("quan tâm chỉ đạo quyết liệt", "tập trung triển khai thực hiện",
                  "chủ động phối hợp thực hiện", "thường xuyên theo dõi, đôn đốc"),
    "manner": ("bám sát chương trình, kế hoạch đề ra", "đúng quy định của pháp luật",
               "bảo đảm tiến độ và chất lượng", "với nhiều giải pháp đồng bộ, linh hoạt"),
    "result": ("nhiều chỉ tiêu đạt và vượt kế hoạch",
               "đời sống vật chất và tinh thần của Nhân dân tiếp tục được cải thiện",
               "góp phần quan trọng vào tăng trưởng kinh tế của địa phương",
               "niềm tin của người dân, doanh nghiệp vào chính quyền được nâng lên"),
    "problem": ("một số nhiệm vụ triển khai còn chậm so với kế hoạch",
                "công tác phối hợp giữa các cơ quan, đơn vị có lúc chưa chặt chẽ",
                "nguồn lực đầu tư còn hạn chế, chưa đáp ứng yêu cầu",
                "chất lượng nguồn nhân lực chưa cao",
                "tiến độ giải phóng mặt bằng một số dự án còn chậm",
                "việc ứng dụng công nghệ thông tin ở một số nơi chưa đồng bộ",
                "công tác dự báo, nắm bắt tình hình có lúc chưa kịp thời"),
    "cause": ("tình hình thời tiết diễn biến phức tạp, khó lường",
              "giá cả một số vật tư, nguyên liệu đầu vào tăng cao",
              "một số quy định của pháp luật còn chồng chéo, chưa thống nhất",
              "việc vận hành chính quyền địa phương hai cấp đang trong giai đoạn hoàn thiện",
              "tinh thần trách nhiệm của một bộ phận cán bộ, công chức chưa cao",
              "nguồn thu ngân sách còn hạn chế, chưa bền vững"),
    "task": ("rà soát, hoàn thiện hệ thống văn bản quy phạm pháp luật",
             "đẩy mạnh cải cách thủ tục hành chính",
             "tăng cường công tác kiểm tra, giám sát",
             "huy động và sử dụng hiệu quả các nguồn lực",
             "đẩy nhanh tiến độ thực hiện các dự án trọng điểm",
             "nâng cao chất lượng nguồn nhân lực",
             "đẩy mạnh ứng dụng khoa học, công nghệ và chuyển đổi số",
             "tháo gỡ khó khăn, vướng mắc cho người dân và doanh nghiệp",
             "tăng cường công tác thông tin, tuyên truyền"),
    "goal": ("hoàn thành thắng lợi các mục tiêu, nhiệm vụ đề ra",
             "nâng cao đời sống vật chất và tinh thần của Nhân dân",
             "phát triển kinh tế - xã hội nhanh và bền vững",
             "giữ vững quốc phòng, an ninh, trật tự an toàn xã hội",
             "nâng cao hiệu lực, hiệu quả quản lý nhà nước"),
    "external": ("biến động của thị trường thế giới", "thiên tai, dịch bệnh trên cây trồng, vật nuôi",
                 "giá nông sản giảm mạnh", "tác động của biến đổi khí hậu"),
    "effect": ("tiến độ thực hiện các chỉ tiêu kế hoạch", "thu nhập của người dân",
               "hoạt động sản xuất, kinh doanh của doanh nghiệp"),
    "positive": ("các chỉ tiêu chủ yếu cơ bản đạt kế hoạch", "hiệu quả quản lý nhà nước được nâng lên",
                 "có nhiều chuyển biến tích cực"),
    "fix": ("xử lý các kiến nghị của cử tri", "báo cáo những khó khăn, vướng mắc phát sinh",
            "đề xuất điều chỉnh kế hoạch cho phù hợp với tình hình thực tế"),
    "date": ("30/9/{year}", "31/10/{year}", "15/11/{year}", "30/6/{year}"),
}

# (name, unit, low, high, decimals) for the table of main indicators
INDICATOR_ROWS: tuple[tuple[str, str, float, float, int], ...] = (
    ("Tốc độ tăng trưởng kinh tế (GRDP)", "%", 5, 9, 2),
    ("GRDP bình quân đầu người", "triệu đồng", 60, 95, 2),
    ("Tổng vốn đầu tư toàn xã hội", "tỷ đồng", 40000, 90000, 2),
    ("Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 8000, 20000, 2),
    ("Kim ngạch xuất khẩu", "triệu USD", 800, 2500, 2),
    ("Tỷ lệ hộ nghèo đa chiều", "%", 2, 9, 2),
    ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 88, 96, 2),
    ("Số lao động được giải quyết việc làm", "người", 20000, 35000, 0),
    ("Tỷ lệ che phủ rừng", "%", 38, 48, 2),
    ("Số xã đạt chuẩn nông thôn mới", "xã", 40, 120, 0),
    ("Tỷ lệ trường đạt chuẩn quốc gia", "%", 55, 80, 2),
    ("Số bác sĩ trên một vạn dân", "bác sĩ", 8, 13, 1),
    ("Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình", "%", 40, 85, 2),
    ("Tổng lượt khách du lịch", "lượt người", 1500000, 3500000, 0),
)

REVENUE_ITEMS: tuple[str, ...] = (
    "Thu từ doanh nghiệp nhà nước", "Thu từ doanh nghiệp có vốn đầu tư nước ngoài",
    "Thu từ khu vực công thương nghiệp ngoài quốc doanh", "Thuế thu nhập cá nhân",
    "Lệ phí trước bạ", "Thu tiền sử dụng đất", "Thu xổ số kiến thiết", "Thu phí, lệ phí",
    "Thuế bảo vệ môi trường",
)

SPENDING_ITEMS: tuple[str, ...] = (
    "Chi đầu tư phát triển", "Chi sự nghiệp giáo dục - đào tạo và dạy nghề",
    "Chi sự nghiệp y tế, dân số và gia đình", "Chi sự nghiệp khoa học và công nghệ",
    "Chi quốc phòng, an ninh", "Chi bảo đảm xã hội", "Chi quản lý hành chính",
    "Chi sự nghiệp kinh tế", "Chi dự phòng ngân sách",
)

PROJECT_KINDS: tuple[str, ...] = (
    "Đường giao thông liên xã {a} - {b}", "Trường Trung học cơ sở {a}", "Trạm y tế xã {a}",
    "Hồ chứa nước {a}", "Kè chống sạt lở bờ sông đoạn qua xã {a}",
    "Nâng cấp Trung tâm y tế khu vực {a}", "Hạ tầng kỹ thuật cụm công nghiệp {a}",
    "Cầu {a} trên tuyến đường tỉnh", "Nhà văn hóa cộng đồng xã {a}",
)

PLACE_NAMES: tuple[str, ...] = (
    "Hòa Bình", "Tân Lập", "Phú Xuân", "Thạnh Mỹ", "Đông Hòa", "Xuân Phước", "Ea Kar",
    "Krông Pắc", "Cư M'gar", "Quảng Điền", "Nghĩa Hưng", "Ea Súp", "Buôn Đôn", "Hưng Lợi",
)

SIGNER_NAMES: tuple[str, ...] = (
    "Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Minh Tuấn", "Phạm Đức Thắng", "Hoàng Thị Lan",
    "Võ Văn Tâm", "Đặng Quốc Khánh", "Y Thái Niê", "Bùi Thị Hường", "Huỳnh Ngọc Ánh",
)

LEGAL_BASES: tuple[str, ...] = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;",
    "Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;",
    "Căn cứ Luật Đầu tư công ngày 29 tháng 11 năm 2024;",
    "Căn cứ Nghị quyết của Hội đồng nhân dân {level} về kế hoạch phát triển kinh tế - xã hội "
    "5 năm giai đoạn 2026 - 2030;",
)
