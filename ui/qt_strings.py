"""Qt's own words that our users meet (the text fields' context menu, the buttons of the
password prompt). Qt ships no Vietnamese catalogue, so these are marked here for
pyside6-lupdate and translated in phonghop_vi.ts; Qt looks them up in every installed
translator by their own context. Nothing calls this."""
from PySide6.QtCore import QT_TRANSLATE_NOOP

LINE_EDIT_MENU = (
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
)

DIALOG_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
)
