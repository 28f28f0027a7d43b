"""The viewer's sidebar: a thumbnail per page (rendered as they come into view), the PDF's
bookmarks, and both take the reader to their page."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.live_helpers import WAIT_MS
from ui.viewer_sidebar import HasPictureRole


def _open(qtbot, window, document):
    with qtbot.waitSignal(window.viewer.page_shown, timeout=WAIT_MS):
        window.open_document(document, 0)
    return window.viewer


def _has_picture(item) -> bool:
    return bool(item.data(HasPictureRole))


def test_thumbnails_and_bookmarks_take_the_reader_to_their_page(qtbot, window):
    document = window.agenda_panel.first_item_documents()[0]
    viewer = _open(qtbot, window, document)
    sidebar = viewer.sidebar
    assert not sidebar.isVisible()
    viewer.toolbar.sidebar_button.click()
    assert sidebar.isVisible()
    thumbnails = sidebar.thumbnails
    assert thumbnails.count() == viewer.page_count
    qtbot.waitUntil(lambda: _has_picture(thumbnails.item(0)), timeout=WAIT_MS)
    icon = thumbnails.item(0).icon().pixmap(thumbnails.iconSize())
    image = icon.toImage()
    # a page drawn, not the blank placeholder: some dark pixels of text
    assert any(image.pixelColor(x, y).lightness() < 128
               for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        thumbnails.itemClicked.emit(thumbnails.item(3))
    assert shown.args == [3] and thumbnails.currentRow() == 3
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(viewer.canvas, Qt.Key.Key_PageDown)
    assert thumbnails.currentRow() == 4  # the sidebar follows the page on screen
    outline = viewer._renderer.outline  # the demo documents have bookmarks
    assert outline
    tree = sidebar.outline
    sidebar.setCurrentIndex(1)
    assert tree.isVisible() and tree.topLevelItemCount() >= 1
    item = tree.topLevelItem(0)
    assert item.text(0) == outline[0][1]
    last = max(outline, key=lambda entry: entry[2])  # a bookmark to another page
    found = tree.findItems(last[1], Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
    viewer.go_to_page(0)
    qtbot.waitUntil(lambda: viewer.current_page == 0, timeout=WAIT_MS)
    with qtbot.waitSignal(viewer.page_shown, timeout=WAIT_MS) as shown:
        tree.itemClicked.emit(found[0], 0)
    assert shown.args == [last[2]] and last[2] > 0


def test_a_document_without_bookmarks_says_so(qtbot):
    from ui.viewer_sidebar import ViewerSidebar

    sidebar = ViewerSidebar()
    qtbot.addWidget(sidebar)
    sidebar.set_document(3, [], lambda index, width, done: None, 1.0)
    sidebar.show()
    sidebar.setCurrentIndex(1)
    assert sidebar.no_outline.isVisible()
    assert sidebar.thumbnails.count() == 3


def test_only_the_thumbnails_in_view_are_asked_for(qtbot):
    from ui.viewer_sidebar import ViewerSidebar

    sidebar = ViewerSidebar()
    qtbot.addWidget(sidebar)
    sidebar.resize(190, 600)
    asked = []
    sidebar.set_document(500, [], lambda index, width, done: asked.append(index), 1.0)
    sidebar.show()
    qtbot.waitUntil(lambda: bool(asked), timeout=WAIT_MS)
    qtbot.wait(100)
    assert asked[0] == 0 and len(asked) <= 8, asked  # a 600-pixel column shows three or four
    sidebar.thumbnails.scrollToBottom()
    qtbot.waitUntil(lambda: 499 in asked, timeout=WAIT_MS)
    assert len(asked) <= 16
