#!/usr/bin/env bash
# The frozen one-folder app: dist/modeldesk/modeldesk (on macOS also dist/ModelDesk.app), with Python,
# libtorrent, Qt and the plugins they need inside; nothing else to install on the target machine but
# the system's own X/Wayland libraries.
#
# PyInstaller rather than pyside6-deploy: pyside6-deploy drives Nuitka, which compiles every module
# with a C compiler (many minutes per build) and knows Qt but not libtorrent's extension; PyInstaller
# has maintained hooks for PySide6, keyring and cryptography, builds this app in well under a minute,
# and makes the same one-folder layout on Linux, Windows and macOS.
#
#   bash packaging/build-app.sh [DIST [WORK]]   # default dist/ and build/pyinstaller/; sets up .venv
#                                               # like packaging/dev.sh first when there is none
set -euo pipefail
cd "$(dirname "$0")/.."
DIST=$(realpath -m "${1:-dist}")
WORK=$(realpath -m "${2:-build/pyinstaller}")
VENV=.venv
if [ ! -x "$VENV/bin/python" ]; then
    bash packaging/dev.sh app --version >/dev/null
fi
if ! "$VENV/bin/python" -c "import PyInstaller" 2>/dev/null; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10,<7" 2>&1 \
        | grep -v "^WARNING: Location" >&2 || true
fi
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" packaging/modeldesk.spec
size=$(du -sh "$DIST/modeldesk" | cut -f1)
echo "built $DIST/modeldesk ($size): run $DIST/modeldesk/modeldesk"
