#!/bin/sh
# Install every Debian package that building, testing and running Zhenggai needs.
# Idempotent and non-interactive: does nothing when all packages are present.
# Run as root on Debian bookworm (the make targets call it). LibreOffice (writer, calc),
# poppler-utils and a CJK font are for the report test that opens the generated .docx and
# .xlsx (tests/cli/report_lo.sh); they convert without the recommended packages. python3-openpyxl
# reads the exported ledger as Excel would (tests/cli/ledger_openpyxl.sh).
set -eu

PKGS="build-essential cmake pkg-config clang-14 libclang-rt-14-dev \
 libsqlite3-dev sqlite3 libmicrohttpd-dev libsodium-dev libjansson-dev \
 libzip-dev libexpat1-dev libxlsxwriter-dev libcmocka-dev libssl-dev \
 libreoffice-writer libreoffice-calc poppler-utils fonts-wqy-zenhei python3-openpyxl"
# The web tests: Node.js runs the integration tests and drives headless Chromium (tests/e2e).
# Node may come from elsewhere (NodeSource bundles npm): ask Debian only when the command is missing.
PKGS="$PKGS chromium"
# PostgreSQL (issue 15): libpq to build the driver (src/db/pg.c), and the server binaries
# (/usr/lib/postgresql/15/bin) for the throwaway cluster of the tests (tests/pg/cluster.sh).
PKGS="$PKGS libpq-dev postgresql-15"
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "deps: need root to install$missing" >&2; exit 1; }
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
