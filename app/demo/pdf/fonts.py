"""Find a font family with full Vietnamese coverage for generated PDFs.

Preference (Decree 30 asks for Times New Roman, which is not free):
1. Liberation Serif (Debian: fonts-liberation2), metric-compatible with Times New Roman;
2. DejaVu Serif (fonts-dejavu-core);
3. Noto Sans shipped inside the pip package ``pymupdf-fonts`` (always available).
A candidate is used only if its regular and bold faces have every glyph of a
Vietnamese probe string.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pymupdf

VIETNAMESE_PROBE = (
    "ĂÂĐÊÔƠƯăâđêôơư ÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ "
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)

_FONT_DIRS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu-serif-fonts",
)

# (family name, file names for regular, bold, italic, bold italic)
SYSTEM_CANDIDATES: tuple[tuple[str, tuple[str, str, str, str]], ...] = (
    ("Liberation Serif", ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                          "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf")),
    ("DejaVu Serif", ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf",
                      "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf")),
)


@dataclass(frozen=True)
class FontFamily:
    """Font files (bytes) of one family; a missing italic falls back to the upright face."""

    name: str
    regular: bytes
    bold: bytes
    italic: bytes
    bold_italic: bytes


def _covers_vietnamese(data: bytes) -> bool:
    try:
        font = pymupdf.Font(fontbuffer=data)
    except Exception:  # an unreadable font file is just not a candidate
        return False
    return all(font.has_glyph(ord(c)) for c in VIETNAMESE_PROBE if c != " ")


def _find_file(file_name: str, dirs: tuple[str, ...]) -> Path | None:
    for folder in dirs:
        path = Path(folder, file_name)
        if path.is_file():
            return path
    return None


def _system_family(name: str, files: tuple[str, str, str, str],
                   dirs: tuple[str, ...]) -> FontFamily | None:
    paths = [_find_file(f, dirs) for f in files]
    regular, bold = paths[0], paths[1]
    if regular is None or bold is None:
        return None
    data = [p.read_bytes() if p else None for p in paths]
    if not (_covers_vietnamese(data[0]) and _covers_vietnamese(data[1])):
        return None
    italic = data[2] if data[2] and _covers_vietnamese(data[2]) else data[0]
    bold_italic = data[3] if data[3] and _covers_vietnamese(data[3]) else data[1]
    return FontFamily(name, data[0], data[1], italic, bold_italic)


def _bundled_noto() -> FontFamily:
    import pymupdf_fonts

    def load(code: str) -> bytes:
        return pymupdf_fonts.myfont(code)

    return FontFamily("Noto Sans", load("notos"), load("notosbo"), load("notosit"), load("notosbi"))


def find_vietnamese_font_family(dirs: tuple[str, ...] = _FONT_DIRS) -> FontFamily:
    """The preferred installed family that renders Vietnamese; Noto Sans as last resort."""
    return _cached_family(dirs)


@functools.lru_cache(maxsize=4)
def _cached_family(dirs: tuple[str, ...]) -> FontFamily:
    for name, files in SYSTEM_CANDIDATES:
        family = _system_family(name, files, dirs)
        if family is not None:
            return family
    return _bundled_noto()
