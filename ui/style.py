"""The client's look: one style sheet, light and sober, navy with a red accent for marks."""
from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 10

STYLE_SHEET = """
QMainWindow, QDialog { background: #f3f5f8; }
#headerBar { background: #17375e; }
#headerBar QLabel { color: #ffffff; }
#productName { font-weight: bold; letter-spacing: 1px; }
#headerBody { color: #c9d6e8; }
#userName { font-weight: bold; }
#userRoles { color: #c9d6e8; }

#banner { background: #fdecea; color: #8a1c1c; border-bottom: 1px solid #f3c2bd;
          padding: 8px 16px; }

#sessionPanel, #agendaPanel, #documentViewer { background: #ffffff; }
#panelTitle { color: #5b6b7f; font-weight: bold; padding: 12px 16px 8px 16px;
              border-bottom: 1px solid #e4e9ef; background: #fafbfd; }
#sessionSummary { background: #f6f8fb; border-bottom: 1px solid #e4e9ef; }
#sessionTitle { color: #17375e; font-weight: bold; font-size: 11pt; }
#sessionDetails { color: #5b6b7f; }
#placeholderMessage { color: #7b8794; padding: 24px; }
#loadingMessage { color: #41505f; }

QListView#sessionList, QTreeView#agendaTree { background: #ffffff; border: none; outline: 0; }
QTreeView#agendaTree { show-decoration-selected: 0; }
QTreeView#agendaTree::item:selected, QListView#sessionList::item:selected { background: transparent; }

#viewerToolbar { background: #ffffff; border-bottom: 1px solid #e4e9ef; }
#documentTitle { color: #1b2733; font-weight: bold; font-size: 11pt; }
#documentDetail { color: #5b6b7f; }
#confidentialBadge { color: #b71c1c; background: #fde7e7; border: 1px solid #f3b7b7;
                     border-radius: 4px; padding: 1px 8px; font-weight: bold; }
QToolButton#viewerButton { border: 1px solid #cfd7e1; border-radius: 4px; padding: 3px 8px;
                           background: #ffffff; color: #17375e; min-height: 20px; }
QToolButton#viewerButton:hover { background: #eef3f9; }
QToolButton#viewerButton:checked { background: #17375e; color: #ffffff; border-color: #17375e; }
QToolButton#viewerButton:disabled { color: #a9b3bf; border-color: #e1e6ec; }
QSpinBox#pageSpin { border: 1px solid #cfd7e1; border-radius: 4px; padding: 3px 6px;
                    min-width: 96px; background: #ffffff; }
QSpinBox#pageSpin::up-button, QSpinBox#pageSpin::down-button { width: 0px; border: none; }
#zoomLabel { color: #41505f; }
#toolbarSeparator { color: #e1e6ec; }

#pageCanvas, #pageHolder { background: #5f6670; }
#errorTitle { color: #8a1c1c; font-weight: bold; }
#viewerError { color: #41505f; }
#errorMessage { color: #a31515; background: #fdecea; border: 1px solid #f3c2bd;
                border-radius: 4px; padding: 8px 10px; }

#loginHeading { color: #17375e; font-weight: bold; font-size: 14pt; }
#loginSubtitle { color: #5b6b7f; }
QLineEdit { border: 1px solid #cfd7e1; border-radius: 4px; padding: 5px 8px; background: #ffffff; }
QLineEdit:focus { border-color: #3b6ea8; }
QPushButton { border: 1px solid #cfd7e1; border-radius: 4px; padding: 6px 16px;
              background: #ffffff; color: #17375e; }
QPushButton:hover { background: #eef3f9; }
QPushButton:disabled { color: #a9b3bf; border-color: #e1e6ec; background: #f7f9fb; }
#sittingBar { background: #f0f4f9; border-bottom: 1px solid #dbe3ec; }
#attendanceState, #speakerNow, #voteNow { color: #17375e; font-weight: bold; }
QPushButton#checkInButton { background: #2e7d32; color: #ffffff; border-color: #2e7d32;
                            font-weight: bold; min-height: 28px; padding: 4px 18px; }
#quorumLabel { font-size: 12pt; font-weight: bold; color: #17375e; padding: 6px 0; }
#voteDetail { font-size: 11pt; color: #1b2733; }
#chairMessage { color: #8a1c1c; background: #fdecea; border: 1px solid #f3c2bd;
                border-radius: 4px; padding: 8px 10px; }
QPushButton#primaryButton { background: #17375e; color: #ffffff; border-color: #17375e; }
QPushButton#primaryButton:hover { background: #21497a; }
QPushButton#primaryButton:disabled { background: #8ea1b8; border-color: #8ea1b8; }
QProgressBar { border: 1px solid #cfd7e1; border-radius: 3px; background: #eef2f6;
               text-align: center; min-height: 14px; }
QProgressBar::chunk { background: #3b6ea8; border-radius: 2px; }
QSplitter::handle { background: #dfe5ec; }

#noticeBar[kind="error"] { background: #fdecea; border-bottom: 1px solid #f3c2bd; }
#noticeBar[kind="error"] QLabel { color: #8a1c1c; font-weight: bold; }
#noticeBar[kind="info"] { background: #e8f0fb; border-bottom: 1px solid #c9d9f0; }
#noticeBar[kind="info"] QLabel { color: #17375e; font-weight: bold; }
QToolButton#noticeClose { border: none; background: transparent; color: #5b6b7f;
                          font-size: 14pt; padding: 0 6px; }

#liveBar { background: #e8f0fb; border-bottom: 1px solid #c9d9f0; }
#liveBar[mode="browsing"] { background: #fff5dc; border-bottom: 1px solid #f0dca8; }
#liveBar[mode="presenting"] { background: #fdecea; border-bottom: 1px solid #f3c2bd; }
#liveText { color: #17375e; }
#liveBar[mode="presenting"] #liveText { color: #8a1c1c; font-weight: bold; }
QPushButton#followButton { padding: 4px 12px; }
#versionBar { background: #fff5dc; border-bottom: 1px solid #f0dca8; }
#versionText { color: #6b4a00; }
QPushButton#versionAction { padding: 4px 12px; }
QPushButton#followButton:checked { background: #17375e; color: #ffffff; border-color: #17375e; }
QToolButton#presentButton { border: 1px solid #c62828; border-radius: 4px; padding: 3px 12px;
                            background: #ffffff; color: #c62828; font-weight: bold;
                            min-height: 20px; }
QToolButton#presentButton:hover { background: #fdecea; }
QToolButton#presentButton:checked { background: #c62828; color: #ffffff; }
QToolButton#presentButton:disabled { color: #d9a3a3; border-color: #eccaca; }

#itemPanel { background: #fafbfd; border-top: 1px solid #e4e9ef; }
#itemTitle { color: #17375e; font-weight: bold; }
#currentBadge { color: #ffffff; background: #2e7d32; border-radius: 8px; padding: 1px 8px;
                font-weight: bold; }
#requestState, #noteStatus { color: #5b6b7f; }
QListWidget#speakerList, QPlainTextEdit#noteEdit { border: 1px solid #cfd7e1; border-radius: 4px;
                                                   background: #ffffff; }
QPlainTextEdit#noteEdit:focus { border-color: #3b6ea8; }
QStatusBar { background: #f3f5f8; color: #5b6b7f; }
#viewerSidebar QListWidget, #viewerSidebar QTreeWidget { background: #f3f5f8; border: none; }
QListWidget#thumbnailList::item { border: 2px solid transparent; border-radius: 4px;
                                  color: #5b6b7f; padding: 2px; }
QListWidget#thumbnailList::item:selected { border-color: #17375e; background: #dbe4ef;
                                           color: #17375e; }
QTreeWidget#outlineTree::item { padding: 6px 2px; }
#findBar { background: #f3f5f8; border-bottom: 1px solid #e4e9ef; }
#findCount { color: #5b6b7f; }
"""


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    if font.pointSizeF() < BASE_POINT_SIZE:
        font.setPointSizeF(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)

