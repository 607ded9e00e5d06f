#!/usr/bin/env bash
# Set up ModelDesk on a fresh machine and run it or its tests.
#
#   bash packaging/dev.sh app [ARGS...]   install, then run `modeldesk ARGS...`
#   bash packaging/dev.sh test [PYTEST ARGS...]   install, then lint and run the whole test suite
#
# As root with apt (Debian 12), system packages come from apt; Python packages always go into
# the project's own .venv. Nothing is downloaded from anywhere but Debian's and PyPI's archives.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/.venv"
MODE=${1:-app}
shift || true

# What Qt needs on X11 (and offscreen), and a font that can show Simplified Chinese.
APT_APP_PKGS=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
              libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1
              libdbus-1-3 fonts-wqy-microhei xdg-utils)
# Tools the tests drive for real: foreign peers, a tracker, mirrors, a virtual display with a tray host.
APT_TEST_PKGS=(qbittorrent-nox aria2 mktorrent opentracker nginx-light transmission-cli btrfs-progs xvfb trayer x11-utils xdotool
               desktop-file-utils appstream gnome-keyring dbus dunst tinyproxy microsocks tmux systemd iproute2 openssl nftables
               chromium chromium-driver strace)
APT_BASE_PKGS=(python3 python3-venv python3-pip ca-certificates)

log() { printf '[dev.sh] %s\n' "$*" >&2; }

find_python() {
    # Any Python 3.11 or newer (libtorrent 2.1 and PySide6 have wheels for 3.11-3.13); python3 first.
    for p in python3 python3.13 python3.12 python3.11; do
        if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
            echo "$p"; return 0
        fi
    done
    return 1
}

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        log "missing system packages: ${missing[*]} (install them, or run as root on Debian/Ubuntu)"
        return 0
    fi
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Packages such as nginx and opentracker would start system services listening on every
    # interface; the tests start their own, on 127.0.0.1 only. Forbid service starts meanwhile.
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
    fi
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    [ $made_policy = 1 ] && rm -f "$policy"
    return 0
}

setup() {
    local want_tests=$1
    PY=$(find_python || true)
    if [ -z "$PY" ]; then
        apt_install "${APT_BASE_PKGS[@]}"
        PY=$(find_python) || { log "Python 3.11 or newer is required"; exit 1; }
    fi
    if [ "$want_tests" = 1 ]; then
        apt_install "${APT_APP_PKGS[@]}" "${APT_TEST_PKGS[@]}"
        # The tests start their own proxy on 127.0.0.1; the package's system service must not run.
        if command -v service >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
            service tinyproxy stop >/dev/null 2>&1 || true
        fi
    else
        apt_install "${APT_APP_PKGS[@]}"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        log "creating $VENV with $PY"
        "$PY" -m venv "$VENV" || { apt_install python3-venv; "$PY" -m venv "$VENV"; }
    fi
    local extra=""
    [ "$want_tests" = 1 ] && extra="[test]"
    log "installing Python dependencies into .venv"
    "$VENV/bin/python" -m pip install -q --no-compile --disable-pip-version-check -e ".$extra" 2>&1 \
        | grep -v "^WARNING: Location" >&2 || true
    # Without pip's --no-compile every module of transformers and modelscope (thousands the suite never
    # imports) was compiled: 38.7 s for a fresh venv, now 25 s plus this 6 s. The rest is compiled here
    # once, on every core, rather than by each test worker racing the others at its first import.
    "$VENV/bin/python" -m compileall -q -j 0 -x '/(transformers|modelscope)/' "$VENV/lib" >/dev/null 2>&1 || true
    "$VENV/bin/python" -c "import modeldesk, libtorrent" || { log "install failed"; exit 1; }
}

run_tests() {
    # The suite mostly waits (throttled transfers, timeouts, other programs), so it runs on several
    # workers at once. The tests marked `timing` assert wall-clock rates and times: they run after that
    # on an otherwise idle machine, two at a time (they mostly wait on capped links; 145 s one by one,
    # 72-77 s in pairs, green in seven of seven such runs). Those marked `alone` keep several processes
    # busy and run by themselves, last. Exit code 5 is "none selected".
    local workers=${MD_TEST_WORKERS:-12} rc=0 rc2=0 rc3=0
    MD_TEST_FROZEN_DIR=$(mktemp -d -t md-frozen-XXXXXX)  # the frozen app, built once for every run
    export MD_TEST_FROZEN_DIR
    trap 'rm -rf "$MD_TEST_FROZEN_DIR"' EXIT
    # A marker expression of the caller's (-m EXPR) narrows every run instead of replacing their own.
    local mine="" args=()
    while [ $# -gt 0 ]; do
        case "$1" in
            -m) mine="$2"; shift 2 ;;
            -m*) mine="${1#-m}"; shift ;;
            *) args+=("$1"); shift ;;
        esac
    done
    local narrow=${mine:+($mine) and }
    log "pytest: all but the timing tests, on $workers workers"
    "$VENV/bin/python" -m pytest -n "$workers" -m "${narrow}not (timing or alone)" ${args[@]+"${args[@]}"} || rc=$?
    log "pytest: the timing tests, two at a time"
    "$VENV/bin/python" -m pytest -n 2 -m "${narrow}timing and not alone" ${args[@]+"${args[@]}"} || rc2=$?
    log "pytest: the tests that need the machine to themselves, one at a time"
    "$VENV/bin/python" -m pytest -m "${narrow}alone" ${args[@]+"${args[@]}"} || rc3=$?
    [ $rc = 5 ] && rc=0
    [ $rc2 = 5 ] && rc2=0
    [ $rc3 = 5 ] && rc3=0
    for r in $rc $rc2 $rc3; do [ "$r" = 0 ] || return "$r"; done
    return 0
}

case "$MODE" in
    app)
        setup 0
        exec "$VENV/bin/modeldesk" "$@"
        ;;
    test)
        setup 1
        # Lint runs beside the tests (they mostly wait); a lint failure fails the run all the same.
        log "lint: ruff, import-linter, mypy (beside the tests)"
        lint_log=$(mktemp)
        { "$VENV/bin/ruff" check modeldesk tests benchmarks && "$VENV/bin/lint-imports" && "$VENV/bin/mypy"; } \
            >"$lint_log" 2>&1 &
        lint_pid=$!
        tests_rc=0
        run_tests "$@" || tests_rc=$?
        lint_rc=0
        wait "$lint_pid" || lint_rc=$?
        cat "$lint_log"
        rm -f "$lint_log"
        [ "$lint_rc" -eq 0 ] || { log "lint failed"; exit "$lint_rc"; }
        exit "$tests_rc"
        ;;
    *)
        echo "usage: bash packaging/dev.sh app|test [ARGS...]" >&2
        exit 2
        ;;
esac
