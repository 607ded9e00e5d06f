"""The add dialog: a source, a project folder (with its free space), the files to fetch, and
for a torrent whether to keep seeding. Reading the source (a .torrent, a hub listing) happens on the
bridge's workers; the dialog never waits for it."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from modeldesk.bridge import EngineBridge, Preview, error_text
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.config.hf_env import hub_cache_dir
from modeldesk.core.library.ms_cache import ms_cache_dir
from modeldesk.core.sources.classify import hub_of
from modeldesk.core.contracts.models import FileEntry, Selection
from modeldesk.core.contracts.source_kind import SourceKind
from modeldesk.core.base.units import fmt_bytes

_PATH = Qt.ItemDataRole.UserRole + 1
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


@dataclass(frozen=True)
class AddChoice:
    source: str
    project_dir: str
    selection: Selection
    seed: bool
    resolved: object = None  # the preview (core.intake.Resolved) of this very source: added as previewed
    mirrors: tuple[str, ...] = ()  # a hub mirror for this download only (before the project's and the settings')
    hub_cache: bool = False  # a hub repo also goes into the Hugging Face cache
    urls: tuple[str, ...] = ()  # a plain file's other URLs (mirrors of the same bytes), as `get --url`
    sha256: str = ""  # a plain file's published sha256, as `get --sha256`
    server: str = ""  # a lab server that downloads it (project_dir is then below the server's project root)


def build_file_tree(model: QStandardItemModel, files: tuple[FileEntry, ...]) -> None:
    """Folders become parent rows (tri-state); every file starts checked."""
    model.removeRows(0, model.rowCount())
    folders: dict[str, QStandardItem] = {}

    def folder(path: str) -> QStandardItem:
        if not path:
            return model.invisibleRootItem()
        if path not in folders:
            parent_path, _, name = path.rpartition("/")
            item = QStandardItem(name)
            item.setCheckable(True)
            item.setAutoTristate(True)
            item.setCheckState(Qt.CheckState.Checked)
            size = QStandardItem("")
            folder(parent_path).appendRow([item, size])
            folders[path] = item
        return folders[path]

    for f in files:
        parent_path, _, name = f.path.rpartition("/")
        item = QStandardItem(name)
        item.setCheckable(True)
        item.setCheckState(Qt.CheckState.Checked)
        item.setData(f.path, _PATH)
        size = QStandardItem(fmt_bytes(f.size))
        size.setData(f.size, _PATH)
        size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        folder(parent_path).appendRow([item, size])


def checked_files(model: QStandardItemModel) -> tuple[list[str], list[str]]:
    """(checked, unchecked) file paths of the tree."""
    on, off = [], []

    def walk(parent: QStandardItem) -> None:
        for i in range(parent.rowCount()):
            item = parent.child(i, 0)
            path = item.data(_PATH)
            if path is None:
                walk(item)
            else:
                (on if item.checkState() == Qt.CheckState.Checked else off).append(path)

    walk(model.invisibleRootItem())
    return on, off


def _with_button(field: QWidget, label: str, clicked) -> QHBoxLayout:
    """A field that takes the row's width, and a button beside it."""
    button = QPushButton(label)
    button.clicked.connect(clicked)
    row = QHBoxLayout()
    row.addWidget(field, 1)
    row.addWidget(button)
    return row


class AddDialog(QDialog):
    def __init__(self, bridge: EngineBridge, folders: list[str], source: str = "", seed: bool = True, parent=None,
                 known_mirrors: tuple[str, ...] = (), servers: tuple[str, ...] = ()):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a model"))
        self.resize(640, 480)
        self._bridge = bridge
        self._request = 0
        self._preview: Preview | None = None

        src_row, folder_row = self._source_row(source), self._folder_row(folders)
        self._folders = folders
        self.where = self._where_field(servers)
        self.free = QLabel()
        self.mirror = self._mirror_field(known_mirrors)
        self.other_urls, self.sha256 = self._file_fields()

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.files_model, self.files = self._files_tree()
        self.seed = QCheckBox(self.tr("Keep seeding when done"))
        self.seed.setChecked(seed)
        self.hub_cache = QCheckBox()
        self._name_hub_cache("hf")
        form = self.form = QFormLayout()
        form.addRow(self.tr("Source:"), src_row)
        form.addRow(self.tr("Download on:"), self.where)
        form.setRowVisible(self.where, bool(servers))
        form.addRow(self.tr("Project folder:"), folder_row)
        form.addRow("", self.free)
        form.addRow(self.tr("Mirror:"), self.mirror)
        form.addRow(self.tr("Other URLs:"), self.other_urls)
        form.addRow(self.tr("SHA-256:"), self.sha256)
        self._show_for(None)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Download"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.files, 1)
        layout.addStretch()  # takes the tree's room while a plain URL hides it
        layout.addWidget(self.seed)
        layout.addWidget(self.hub_cache)
        layout.addWidget(self.buttons)

        self._debounce = QTimer(self, singleShot=True, interval=350)
        self._debounce.timeout.connect(self._read_source)
        self.source.textChanged.connect(lambda _t: self._debounce.start())
        self.folder.currentTextChanged.connect(self._folder_changed)
        self.mirror.currentTextChanged.connect(lambda _t: self._debounce.start())  # listed again from there
        self.where.currentIndexChanged.connect(lambda _i: self._where_changed())
        bridge.previewReady.connect(self._on_preview)
        bridge.freeSpace.connect(self._on_free_space)
        self._folder_changed(self.folder.currentText())
        self._update_ok()
        if source:
            self._read_source()

    def _source_row(self, source: str) -> QHBoxLayout:
        self.source = QLineEdit(source)
        self.source.setPlaceholderText(self.tr("magnet:?…, a .torrent file or URL, hf://org/name@revision, or a URL"))
        return _with_button(self.source, self.tr("Open .torrent…"), self._pick_torrent)

    def _folder_row(self, folders: list[str]) -> QHBoxLayout:
        self.folder = QComboBox()
        self.folder.setEditable(True)
        self.folder.addItems(folders)
        self.folder.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        row = _with_button(self.folder, self.tr("Choose…"), self._pick_folder)
        self.folder_button = row.itemAt(1).widget()
        return row

    def _files_tree(self) -> tuple[QStandardItemModel, QTreeView]:
        model = QStandardItemModel(self)
        model.setHorizontalHeaderLabels([self.tr("File"), self.tr("Size")])
        view = QTreeView()
        view.setModel(model)
        model.itemChanged.connect(lambda _item: self._update_totals())
        return model, view

    def _where_field(self, servers: tuple[str, ...]) -> QComboBox:
        """This computer, or a lab server the app is attached to (Settings → Servers)."""
        box = QComboBox()
        box.addItem(self.tr("This computer"), "")
        for url in servers:
            box.addItem(self.tr("Lab server %1").replace("%1", url), url)
        return box

    def _file_fields(self) -> tuple[QPlainTextEdit, QLineEdit]:
        """A plain URL's other URLs and its published sha256, as `get --url/--sha256`."""
        urls = QPlainTextEdit()
        urls.setPlaceholderText(self.tr("optional: other URLs of the same file, one per line"))
        urls.setFixedHeight(52)
        sha = QLineEdit()
        sha.setPlaceholderText(self.tr("optional: the file's published sha256 (64 hex digits), to check it"))
        sha.textChanged.connect(lambda _t: self._update_ok())
        return urls, sha

    def _mirror_field(self, known: tuple[str, ...]) -> QComboBox:
        """Once: a mirror for this download only; the project's and the settings' mirrors follow it."""
        box = QComboBox()
        box.setEditable(True)
        box.addItems(["", *known])
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.lineEdit().setPlaceholderText(self.tr("optional: e.g. https://hf-mirror.com, or ms://owner/name"))
        box.setToolTip(self.tr("A mirror for this download only (an HF- or ModelScope-compatible endpoint), or the "
                               "same model on another hub (ms://owner/name, hf://org/name): files both hubs list "
                               "with the same sha256 come from both at once."))
        return box

    # ---- reading the source ------------------------------------------------------------
    def _read_source(self) -> None:
        text = self.source.text().strip()
        self._request += 1
        self._forget_preview()
        self._show_for(None)
        self.files_model.removeRows(0, self.files_model.rowCount())
        if not text:
            self.status.setText("")
        else:
            self.status.setText(self.tr("Reading the source…"))
            self._bridge.preview(self._request, text, self.mirrors(), self.folder.currentText().strip())
        self._update_ok()

    def _on_preview(self, number: int, result) -> None:
        if number != self._request:
            return  # an answer for text the user has since changed
        if isinstance(result, ModelDeskError):
            self.status.setText(error_text(result))
            self._update_ok()
            return
        self._preview = result
        self._show_for(result.kind)
        build_file_tree(self.files_model, result.files)
        self.files.expandAll()
        self.files.resizeColumnToContents(0)
        if result.kind.is_torrent and not result.files:
            self.status.setText(self.tr("%1: asking peers for the file list… You can download now and choose "
                                        "files later in the Files tab.").replace("%1", result.name))
        else:
            self._update_totals()
        self._update_ok()

    def _name_hub_cache(self, hub: str) -> None:
        """The cache box names the cache of the repo's hub, and where that is."""
        if hub == "ms":
            self.hub_cache.setText(self.tr("Also put it in the ModelScope cache (modelscope's snapshot_download "
                                           "finds it there)"))
            where = ms_cache_dir()
        else:
            self.hub_cache.setText(self.tr("Also put it in the Hugging Face cache (transformers and "
                                           "huggingface_hub find it there)"))
            where = hub_cache_dir()
        self.hub_cache.setToolTip(self.tr("When the download is complete its files are placed into %1 as hard links: "
                                          "no second copy on the same disk.").replace("%1", str(where)))

    def server(self) -> str:
        """The lab server chosen to download it, or "" for this computer."""
        return self.where.currentData() or ""

    def _where_changed(self) -> None:
        """On a lab server the folder is one below the server's project root, and the server's own
        mirrors and caches apply."""
        remote = bool(self.server())
        self.folder.clear()
        if remote:
            self.folder.lineEdit().setPlaceholderText(self.tr("a folder below the server's project root, e.g. "
                                                              "tts/models"))
        else:
            self.folder.addItems(self._folders)
        self.folder_button.setEnabled(not remote)
        self._show_for(self._preview.kind if self._preview is not None else None)
        self._folder_changed(self.folder.currentText())

    def _show_for(self, kind: SourceKind | None) -> None:
        """The parts of the dialog that fit a source of this kind (None: not read yet). A plain URL has
        nothing to seed and one file of a size unknown until it is asked; a hub repo's job seeds only
        when it joins a swarm the library knows for its commit, and then always."""
        is_file, remote = kind is SourceKind.FILE, bool(self.server())
        self.hub_cache.setVisible(kind is SourceKind.HUB and not remote)
        if kind is SourceKind.HUB:
            self._name_hub_cache(hub_of(self.source.text()))
        self.seed.setVisible(kind is not None and kind.is_torrent)
        self.files.setVisible(not is_file)
        # An HF-compatible mirror serves hub repos (and torrents that name one); a plain URL takes other
        # URLs of the same bytes and its sha256 instead, as `get --url/--sha256`.
        self.form.setRowVisible(self.mirror, not is_file and not remote)
        self.form.setRowVisible(self.other_urls, is_file and not remote)
        self.form.setRowVisible(self.sha256, is_file and not remote)

    def _update_totals(self) -> None:
        if self._preview is None:
            return
        if not self._preview.files:
            if self._preview.kind is SourceKind.FILE:
                self.status.setText(self.tr("%1: one file from this URL; its size is known once the download "
                                            "starts.").replace("%1", self._preview.name))
            else:
                self.status.setText(self._preview.name)
            return
        on, _ = checked_files(self.files_model)
        sizes = {f.path: f.size for f in self._preview.files}
        self.status.setText(self.tr("%1: %2 of %3 files selected, %4")
                            .replace("%1", self._preview.name).replace("%2", str(len(on)))
                            .replace("%3", str(len(sizes))).replace("%4", fmt_bytes(sum(sizes[p] for p in on))))
        self._update_ok()

    def _forget_preview(self) -> None:
        """A magnet still waiting for its file list stops asking."""
        if self._preview is not None:
            self._bridge.cancel_preview(self._preview)
        self._preview = None

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:  # an accepted magnet's preview ends when the job starts
            self._forget_preview()
        super().done(result)

    # ---- folder --------------------------------------------------------------------------
    def _folder_changed(self, text: str) -> None:
        self.free.setText("")
        if text.strip() and not self.server():
            self._bridge.query_free_space(text.strip())
        self._update_ok()

    def _on_free_space(self, folder: str, free) -> None:
        if folder != self.folder.currentText().strip():
            return
        self.free.setText(self.tr("Free space: %1").replace("%1", fmt_bytes(free)) if free is not None else "")

    def _pick_folder(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Project folder"), self.folder.currentText())
        if d:
            self.folder.setCurrentText(d)

    def _pick_torrent(self) -> None:
        f, _ = QFileDialog.getOpenFileName(self, self.tr("Open a .torrent"), "", self.tr("Torrent files (*.torrent)"))
        if f:
            self.source.setText(f)

    # ---- result --------------------------------------------------------------------------
    def _update_ok(self) -> None:
        if self.server():  # the server reads the source itself: it may reach what this computer cannot
            ok = bool(self.source.text().strip()) and (self._preview is None or not self._preview.files
                                                       or bool(checked_files(self.files_model)[0]))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
            return
        ok = bool(self.source.text().strip() and self.folder.currentText().strip() and self._preview is not None)
        if ok and self._preview is not None and self._preview.files:
            ok = bool(checked_files(self.files_model)[0])
        if ok and self._preview is not None and self._preview.kind is SourceKind.FILE and self.sha256.text().strip():
            ok = bool(_SHA256.fullmatch(self.sha256.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def mirrors(self) -> tuple[str, ...]:
        text = self.mirror.currentText().strip()
        return (text,) if text else ()

    def choice(self) -> AddChoice:
        _, off = checked_files(self.files_model)
        selection = Selection(exclude=tuple(glob.escape(p) for p in off))
        text = self.source.text().strip()
        resolved = self._preview  # added as previewed; build_add drops a preview of other text
        hub_cache = self.hub_cache.isChecked() and resolved is not None and resolved.kind is SourceKind.HUB
        is_file = resolved is not None and resolved.kind is SourceKind.FILE
        urls = tuple(u.strip() for u in self.other_urls.toPlainText().splitlines() if u.strip()) if is_file else ()
        if self.server():
            return AddChoice(text, self.folder.currentText().strip(), selection, self.seed.isChecked(),
                             server=self.server())
        return AddChoice(text, self.folder.currentText().strip(), selection, self.seed.isChecked(), resolved,
                         self.mirrors() if not is_file else (), hub_cache, urls,
                         self.sha256.text().strip().lower() if is_file else "")
