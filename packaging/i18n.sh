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
# English needs only its plural forms ("%n mirror(s)" -> "1 mirror", "2 mirrors"): Qt's way is a translation
# of them alone, loaded for English too (modeldesk/ui/i18n.py).
EN=resources/translations/modeldesk_en.ts
.venv/bin/pyside6-lupdate -pluralonly -no-obsolete modeldesk/ui/*.py modeldesk/app.py modeldesk/bridge.py -ts "$EN" \
    -source-language en -target-language en
.venv/bin/pyside6-lrelease "$EN" -qm "${EN%.ts}.qm"
