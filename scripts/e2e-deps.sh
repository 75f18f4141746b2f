#!/bin/sh
# Install what the browser tests (tests/e2e) need: Debian's Chromium and Node (scripts/deps.sh)
# and playwright-core at the version pinned in tests/e2e/package-lock.json, with `npm ci` into
# tests/e2e/node_modules. Playwright never downloads a browser: the tests drive /usr/bin/chromium.
# Idempotent: does nothing when node_modules matches the lock file (a copy of it is kept there).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
e2e="$top/tests/e2e"

sh "$top/scripts/deps.sh"
stamp="$e2e/node_modules/.package-lock.json.installed"
if [ -f "$stamp" ] && cmp -s "$stamp" "$e2e/package-lock.json"; then
    exit 0
fi
echo "e2e-deps: npm ci in tests/e2e" >&2
cd "$e2e"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
cp package-lock.json "$stamp"
