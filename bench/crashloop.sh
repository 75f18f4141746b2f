#!/bin/sh
# bench/crashloop.sh: the long crash loop of issue 10 - CYCLES (default 100) times: start the
# server, 4 writers report progress through the API, kill -9 the server mid-stream; at the end
# every acknowledged write must be in the database and `zhenggai check` must pass. Prints the
# cycles, the acknowledged writes and the losses (the figure in bench/README.md).
# Usage: sh bench/crashloop.sh [CYCLES]   (after `make build`)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$ROOT/build/bench-tmp"
ZG_TMP="$ROOT/build/bench-tmp" ZG_CRASH_CYCLES=${1:-100} \
    node "$ROOT/tests/web/test_harden_crash.mjs" "$ROOT/build/zhenggai"
