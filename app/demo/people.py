"""Demo people: deterministic Vietnamese (Kinh and Ê Đê) names for 52 delegates."""
from __future__ import annotations

import random

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lương", "Mai"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Hữu", "Thanh", "Công", "Xuân", "Ngọc", "Đình"]
MIDDLE_F = ["Thị", "Thị Thu", "Thị Ngọc", "Thị Kim", "Thị Hồng", "Thị Thanh", "Thị Mỹ"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Thắng", "Cường", "Phúc", "Khánh", "Sơn", "Long", "Quang",
           "Trung", "Nghĩa", "Hiếu", "Bình", "Toàn", "Lộc", "Thịnh", "Vượng", "Tùng", "Định"]
GIVEN_F = ["Hương", "Lan", "Hạnh", "Nga", "Thủy", "Nhung", "Liên", "Trang", "Hằng", "Yến",
           "Phượng", "Duyên", "Ánh", "Loan"]
# Names of the Ê Đê and M'nông communities of Đắk Lắk (Y for men, H' for women).
HIGHLAND = ["Y Biêr Niê", "H'Yim Kđoh", "Y Giang Gry Niê Knơng", "H'Kim Hoa Byă", "Y Phi Kbuôr",
            "H'Loan Buôn Yă", "Y Khim Niê", "H'Bơ Ni Ayŭn"]
POSITIONS = [
    "Chủ tịch HĐND tỉnh", "Phó Chủ tịch HĐND tỉnh", "Phó Chủ tịch HĐND tỉnh",
    "Trưởng Ban Kinh tế - Ngân sách", "Trưởng Ban Văn hóa - Xã hội", "Trưởng Ban Pháp chế",
    "Trưởng Ban Dân tộc", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh",
]
CONSTITUENCIES = [f"Đơn vị bầu cử số {n}" for n in range(1, 14)]


def delegate_names(count: int = 52, seed: int = 2026) -> list[tuple[str, str]]:
    """(full name, title) for `count` delegates; the first is the council's chair."""
    rng = random.Random(seed)
    names: list[str] = []
    highland = iter(HIGHLAND)
    while len(names) < count:
        if len(names) % 6 == 5:
            name = next(highland, None)
            if name:
                names.append(name)
                continue
        if rng.random() < 0.4:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
        else:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
        if name not in names:
            names.append(name)
    result = []
    for index, name in enumerate(names):
        title = POSITIONS[index] if index < len(POSITIONS) else "Đại biểu HĐND tỉnh"
        result.append((name, title))
    return result
