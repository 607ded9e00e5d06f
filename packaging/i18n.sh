#!/usr/bin/env bash
# Refresh the translation source from the code, then compile it:
#   bash packaging/i18n.sh        (translate new entries in Qt Linguist: .venv/bin/pyside6-linguist)
set -euo pipefail
cd "$(dirname "$0")/.."
TS=resources/translations/modeldesk_zh_CN.ts
# The core marks its messages with N_() (modeldesk/core/base/messages.py): lupdate reads it as QT_TR_NOOP.
CORE=$(find modeldesk/core -name '*.py' | sort)
.venv/bin/pyside6-lupdate -no-obsolete -tr-function-alias QT_TR_NOOP+=N_ modeldesk/ui/*.py modeldesk/app.py \
    modeldesk/bridge.py $CORE -ts "$TS" -source-language en -target-language zh_CN
.venv/bin/pyside6-lrelease "$TS" -qm "${TS%.ts}.qm"
