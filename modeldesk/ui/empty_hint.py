"""What an empty transfer table says on first run: how to add a model, instead of bare headers."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyHint(QLabel):
    """A centred note over the view's viewport, shown while the model has no rows."""

    def __init__(self, view: QAbstractItemView, model: QAbstractItemModel):
        super().__init__(view.viewport())
        self._model = model
        self.setObjectName("emptyHint")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # drops and clicks reach the view
        self.setStyleSheet("color: palette(placeholder-text); font-size: 11pt; padding: 24px;")
        self.setText(self.tr(
            "No models yet.\n\n"
            "Paste a magnet link, hf://org/name or a file URL with Ctrl+V,\n"
            "drop a .torrent file or a model folder on this window,\n"
            "or press Add… on the toolbar."))
        view.viewport().installEventFilter(self)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self._update)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resize(self.parentWidget().size())
        return False

    def _update(self, *_args) -> None:
        self.resize(self.parentWidget().size())
        self.setVisible(self._model.rowCount() == 0)
