#!/bin/sh
# Make sure the browser tests (tests/browser) can run: Debian's chromium at /usr/bin/chromium
# and axe-core (pinned in tools/axe/package-lock.json) in tools/axe/node_modules.
# Idempotent and quiet when everything is already there. `make test` calls it before pytest.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
CHROMIUM=/usr/bin/chromium
AXE="$ROOT/tools/axe/node_modules/axe-core/axe.min.js"

if [ ! -x "$CHROMIUM" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "ensure-browser: $CHROMIUM is missing and installing it needs root." >&2
        echo "ensure-browser: run 'sudo scripts/ensure-browser.sh' or 'sudo apt-get install -y --no-install-recommends chromium'." >&2
        exit 1
    fi
    echo "ensure-browser: installing Debian chromium …" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
    if [ ! -x "$CHROMIUM" ]; then
        echo "ensure-browser: apt-get installed chromium but $CHROMIUM does not exist." >&2
        exit 1
    fi
fi

if [ ! -f "$AXE" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "ensure-browser: npm is needed to install axe-core into tools/axe (install Node.js/npm)." >&2
        exit 1
    fi
    echo "ensure-browser: installing axe-core into tools/axe …" >&2
    npm ci --prefix "$ROOT/tools/axe" --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
    if [ ! -f "$AXE" ]; then
        echo "ensure-browser: npm ci finished but $AXE does not exist." >&2
        exit 1
    fi
fi
