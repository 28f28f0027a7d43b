"""The client's languages: Vietnamese by default, English (the source language) on request.

Source strings are English and go through Qt's translation system; `translations/phonghop_vi.qm`
holds the Vietnamese, `translations/phonghop_en.qm` the English plural forms. Regenerate them
with the commands in `translations/README`.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

DEFAULT_LANGUAGE = "vi"
SUPPORTED_LANGUAGES = ("vi", "en")
LANGUAGE_ENV = "PHONGHOP_LANG"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def resolve_language(requested: str | None = None) -> str:
    """The language to use: the explicit request, else $PHONGHOP_LANG, else Vietnamese.
    Accepts "vi", "en", and locale-like forms such as "en_US" or "vi-VN"."""
    for candidate in (requested, os.environ.get(LANGUAGE_ENV)):
        if candidate:
            code = candidate.strip().lower().replace("-", "_").split("_")[0]
            if code in SUPPORTED_LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"phonghop_{language}.qm"


def install_translator(app: QCoreApplication, language: str) -> QTranslator:
    """Install the translator for `language` on `app` and set the default locale. Returns the
    installed translator (keep it to remove it later). English is the source language: its
    catalogue only holds plural forms ("1 page", "2 pages").
    Raises FileNotFoundError when the catalogue is missing."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi"
                               else QLocale.Language.English))
    translator = QTranslator(app)
    path = qm_path(language)
    if not translator.load(str(path)):
        raise FileNotFoundError(f"translation catalogue not found or invalid: {path}")
    app.installTranslator(translator)
    return translator


def remove_translator(app: QCoreApplication, translator: QTranslator | None) -> None:
    if translator is not None:
        app.removeTranslator(translator)
        translator.deleteLater()
