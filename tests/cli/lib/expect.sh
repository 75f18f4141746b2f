# expect.sh: helpers of the CLI tests that count failures in $fails and keep a command's output
# in $tmp/out and $tmp/err. Sourced (not a test itself: ctest runs tests/cli/*.sh only).
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect CODE CMD…: run, keep stdout/stderr in $tmp/out and $tmp/err, check the exit code.
expect() {
    want=$1; shift
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    [ "$got" = "$want" ] || fail "exit $got (wanted $want): $* ($(head -c 300 "$tmp/err"))"
}
# one_error PATTERN: stderr is exactly one line and matches.
one_error() {
    [ "$(wc -l <"$tmp/err")" = 1 ] || fail "stderr is not one line: $(cat "$tmp/err")"
    grep -q -- "$1" "$tmp/err" || fail "stderr lacks '$1': $(cat "$tmp/err")"
}
