#!/bin/sh
# check_words.sh: the domain's words have one home, and pages write HTML one way.
#  1. A stored state name spelled as a C string ("in_progress") outside src/db/vocab.c: write
#     vocab_name(VOCAB_MEASURE_STATE, STATE_IN_PROGRESS) or compare enums instead. SQL text
#     ('accepted' inside a DB_SQL literal) is not a C string of its own and passes; so do JSON
#     member keys (json_kint(j, "closed", n)), which name a count, and comments.
#  2. buf_printf in page code (src/web/page_*.c): pages write through HTML() and html_*.
# Prints each violation; exits 1 when there is one.
top=${1:-.}
cd "$top/src" || exit 1
bad=0

# The names of the state vocabularies of vocab.c (kinds and lights are not checked: their
# names double as JSON keys and English words). "open" is left out: it is also a section of
# the importer's grammar and a file mode.
states='not_started|in_progress|submitted|lead_approved|signed_off|closed|phase_complete|returned|relapsed'
states="$states|active|locked|disabled|draft|issued|accepted|approved|lead_review|office_verify"
states="$states|leader_signoff|onsite_check|attached|withdrawn|responded|overdue|lifted|acknowledged"
states="$states|held|passed|failed|concluded|pending|forwarded|answered|rejected"

hits=$(grep -rnE "\"($states)\"" --include='*.c' --include='*.h' . |
    grep -v '^\./db/vocab\.c:' |
    grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/\*|\*\*|\*|//)' |
    grep -vE 'json_k[a-z]*\([^,]*, "('"$states"')"')
if [ -n "$hits" ]; then
    echo "state names spelled outside src/db/vocab.c (use vocab_name / the enums):"
    echo "$hits" | sed 's/^\.\//  src\//'
    bad=1
fi

pages=$(grep -n 'buf_printf' web/page_*.c 2>/dev/null)
if [ -n "$pages" ]; then
    echo "buf_printf in page code (write HTML() literals and html_text / html_int):"
    echo "$pages" | sed 's/^/  src\//'
    bad=1
fi

[ $bad -eq 0 ] && echo "words ok"
exit $bad
