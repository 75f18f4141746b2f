# count.sh: helpers of the CLI tests that count passes and failures ($pass, $fail) and keep a
# command's output in $T/out and $T/err. Sourced (not a test itself).
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect CODE CMD… : run (stdin empty), check the exit code, keep stdout/stderr in $T/out, $T/err
expect() {
    code=$1; shift
    "$@" >"$T/out" 2>"$T/err" </dev/null
    got=$?
    if [ "$got" -eq "$code" ]; then ok; else bad "exit $got (want $code): $*"; cat "$T/err"; fi
}
contains() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1"; fi; }
lines() { n=$(wc -l <"$1"); if [ "$n" -eq "$2" ]; then ok; else bad "$1 has $n lines, want $2"; cat "$1"; fi; }
