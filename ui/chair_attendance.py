"""The chair's and the secretary's attendance page: who is in, the quorum against the total
number of delegates of the term, marks (present, excused with a reason, absent), and the
sitting's opening and closing."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from app.protocol import mutations as m
from ui.sitting_state import SittingState


class AttendancePage(QWidget):
    change_requested = Signal(object)  # a MutationArgs without session_id filled in: see _ask

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.session_id = 0
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.sitting_label = QLabel()
        self.open_button = QPushButton(self.tr("Open the sitting"))
        self.close_button = QPushButton(self.tr("Close the sitting"))
        self.open_button.clicked.connect(lambda: self._sitting(m.SittingOpen))
        self.close_button.clicked.connect(lambda: self._sitting(m.SittingClose))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Delegate"), self.tr("Seat"),
                                              self.tr("Attendance")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):  # the seat and the whole mark ("Vắng có lý do: …") stay readable
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.present_button = QPushButton(self.tr("Present"))
        self.excused_button = QPushButton(self.tr("Excused…"))
        self.absent_button = QPushButton(self.tr("Absent"))
        self.present_button.clicked.connect(lambda: self._mark("present"))
        self.excused_button.clicked.connect(lambda: self._mark("excused"))
        self.absent_button.clicked.connect(lambda: self._mark("absent"))
        top = QHBoxLayout()
        top.addWidget(self.sitting_label, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.close_button)
        marks = QHBoxLayout()
        marks.addWidget(QLabel(self.tr("Mark the selected delegate:")))
        for button in (self.present_button, self.excused_button, self.absent_button):
            marks.addWidget(button)
        marks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quorum_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        self._sitting_id: Optional[int] = None
        self._is_chair = False

    def set_state(self, session_id: int, sitting: SittingState, is_chair: bool) -> None:
        self.session_id, self._is_chair = session_id, is_chair
        current = sitting.current_sitting()
        self._sitting_id = current.id if current else None
        present, total = sitting.present_count(), sitting.total_delegates
        reached = present >= sitting.quorum_needed and total > 0
        self.quorum_label.setText(
            self.tr("Present: %1 of %2 delegates. A sitting needs %3: %4.")
            .replace("%1", str(present)).replace("%2", str(total))
            .replace("%3", str(sitting.quorum_needed))
            .replace("%4", self.tr("reached") if reached else self.tr("not reached")))
        self.quorum_label.setProperty("reached", reached)
        if current is None:
            self.sitting_label.setText(self.tr("No sitting is planned or every one has ended."))
        else:
            state = self.tr("open") if current.opened_at else self.tr("not opened yet")
            self.sitting_label.setText(f"{current.title} ({state})")
        self.open_button.setVisible(is_chair and current is not None and not current.opened_at)
        self.close_button.setVisible(is_chair and current is not None and bool(current.opened_at))
        marks = sitting.marks_now()
        selected = self.selected_user()
        self.table.setRowCount(len(sitting.delegates))
        for row, delegate in enumerate(sitting.delegates):
            mark = marks.get(delegate.user_id)
            status = {"present": self.tr("Present"), "absent": self.tr("Absent"),
                      "excused": self.tr("Excused")}.get(mark.status if mark else "",
                                                         self.tr("Not checked in"))
            if mark is not None and mark.status == "excused" and mark.reason:
                status += f" ({mark.reason})"
            name = QTableWidgetItem(delegate.full_name)
            name.setData(Qt.ItemDataRole.UserRole, delegate.user_id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(delegate.seat or ""))
            self.table.setItem(row, 2, QTableWidgetItem(status))
            if delegate.user_id == selected:
                self.table.selectRow(row)

    def selected_user(self) -> Optional[int]:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _mark(self, status: str) -> None:
        user_id = self.selected_user()
        if user_id is None:
            return
        reason = ""
        if status == "excused":
            reason, ok = QInputDialog.getText(self, self.tr("Excused absence"),
                                              self.tr("Reason of the absence:"))
            if not ok or not reason.strip():
                return
        self.change_requested.emit(m.AttendanceSet(
            session_id=self.session_id, sitting_id=self._sitting_id, user_id=user_id,
            status=status, reason=reason.strip()))

    def _sitting(self, kind: type[m.SittingOpen]) -> None:
        if self._sitting_id is not None:
            self.change_requested.emit(kind(session_id=self.session_id,
                                            sitting_id=self._sitting_id))
