#!/usr/bin/env bash
# Refresh the translation source from the code, then compile it:
#   bash packaging/i18n.sh        (translate new entries in Qt Linguist: .venv/bin/pyside6-linguist)
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/translations/modeldesk_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete modeldesk/ui/*.py modeldesk/app.py modeldesk/bridge.py -ts "$TS" -source-language en -target-language zh_CN
.venv/bin/pyside6-lrelease "$TS" -qm "${TS%.ts}.qm"
