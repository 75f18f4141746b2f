#!/bin/sh
# bench/evidence.sh: evidence upload throughput and progress submissions/s (bench/evidence.mjs),
# then the kill -9 loop of tests/web/test_evidence_kill.mjs with KILLS rounds (default 50).
# Usage: sh bench/evidence.sh [BUILD_DIR]
set -eu
BUILD=${1:-build}
ZG=$(cd "$BUILD" && pwd)/zhenggai
HERE=$(cd "$(dirname "$0")" && pwd)
node "$HERE/evidence.mjs" "$ZG"
ZG_TMP=${TMPDIR:-/tmp} ZG_KILLS=${KILLS:-50} node "$HERE/../tests/web/test_evidence_kill.mjs" "$ZG"
