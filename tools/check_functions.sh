#!/bin/sh
# check_functions.sh: no function in src/ runs over 80 lines (STYLE.md: a page function reads top to
# bottom; past a screenful a reader wants it split where the steps part). A function is counted
# from its opening brace to its closing brace, both on their own line in column 0 (Linux braces,
# as .clang-format sets them). Prints each offender; exits 1 when there is one.
top=${1:-.}
max=${2:-80}
cd "$top" || exit 1
find src -name '*.c' | sort | xargs awk -v max="$max" '
    FNR == 1 { name = ""; open = 0 }
    /^[A-Za-z_].*\(/ && !open { name = $0; sub(/\(.*/, "", name); n = split(name, w, /[ *]+/); name = w[n] }
    /^\{/ && !open { open = FNR; next }
    /^\}/ && open {
        len = FNR - open + 1
        if (len > max) { printf "%s:%d: %s is %d lines (over %d)\n", FILENAME, open, name, len, max; bad = 1 }
        open = 0
    }
    END { exit bad }
' && echo "functions ok"
