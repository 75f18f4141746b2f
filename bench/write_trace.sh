# Sourced by bench/writes.sh and bench/pagecost.sh: what a progress report's tail is made of.

# tail_lua: a wrk done() function (append it to a request script) that prints the latency's p99.9
# and max as "tail p99.9 X ms max Y ms" (wrk --latency stops at p99).
tail_lua() {
    cat <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("tail p99.9 %.2f ms max %.2f ms\n", latency:percentile(99.9) / 1000,
    latency.max / 1000))
end
LUA
}

# trace_summary: from the server's write-trace lines on stdin (ZG_WRITE_TRACE, src/db/write_trace.h),
# each part of a write transaction at p50 / p99 / max (wait for the writers' mutex, BEGIN, the
# statements, COMMIT, then the wait for the WAL's group sync after the mutex is given back: see
# src/db/group_sync.h); the transactions of SLOW_MS (5) ms or more by the part that took most of
# their time, and of those slow in COMMIT + sync (the WAL's fdatasync) how many overlapped a
# checkpoint; the checkpoints of each kind, and the longest that one waited for and held the
# writers' mutex (every writer waits that long). With ZG_WRITE_TRACE=N > 0 only transactions of
# N ms or more are traced, and the percentiles are theirs.
trace_summary() {
    awk -v slow="${SLOW_MS:-5}" '
        function sift(a, s, n,   c, t) {
            while ((c = 2 * s) <= n) {
                if (c < n && a[c + 1] > a[c]) c++
                if (a[s] >= a[c]) return
                t = a[s]; a[s] = a[c]; a[c] = t; s = c } }
        function sort(a, n,   i, t) { # a heap sort: a run traces 10,000 and more
            for (i = int(n / 2); i >= 1; i--) sift(a, i, n)
            for (i = n; i > 1; i--) { t = a[1]; a[1] = a[i]; a[i] = t; sift(a, 1, i - 1) } }
        function pct(a, n, p) { return n ? a[int((n - 1) * p) + 1] : 0 }
        $2 == "tx" { n++; w[n] = $5; b[n] = $7; y[n] = $9; c[n] = $11; sy[n] = $13; t[n] = $15
            if ($15 >= slow) { ns++; m = "wait"; v = $5
                if ($7 > v) { m = "begin"; v = $7 } if ($9 > v) { m = "body"; v = $9 }
                if ($11 > v) { m = "commit"; v = $11 } if ($13 > v) { m = "sync"; v = $13 } by[m]++ }
            if ($11 + $13 >= slow) { nc++; cs[nc] = $18 - ($11 + $13) / 1000; ce[nc] = $18 } }
        $2 == "checkpoint" { k[$3]++; nk++; ks[nk] = $16 - $9 / 1000; ke[nk] = $16
            if ($11 > lw) lw = $11; if ($13 > lh) lh = $13; if ($9 > ct) ct = $9 }
        END {
            if (!n) { print "  (no write-trace lines: ZG_WRITE_TRACE unset or an old binary)"; exit }
            for (i = 1; i <= nc; i++) for (j = 1; j <= nk; j++) if (ks[j] < ce[i] && ke[j] > cs[i]) { over++; break }
            sort(w, n); sort(b, n); sort(y, n); sort(c, n); sort(sy, n); sort(t, n)
            printf "  write tx ms p50/p99/max: wait %.2f/%.2f/%.2f  body %.2f/%.2f/%.2f  commit %.2f/%.2f/%.2f  sync %.2f/%.2f/%.2f  total %.2f/%.2f/%.2f\n",
                pct(w, n, .5), pct(w, n, .99), w[n], pct(y, n, .5), pct(y, n, .99), y[n],
                pct(c, n, .5), pct(c, n, .99), c[n], pct(sy, n, .5), pct(sy, n, .99), sy[n],
                pct(t, n, .5), pct(t, n, .99), t[n]
            printf "  %d of %d write tx took >= %s ms, most of it in: wait %d, begin %d, body %d, commit %d, sync %d; %d commits+syncs >= %s ms, %d of them during a checkpoint\n",
                ns, n, slow, by["wait"], by["begin"], by["body"], by["commit"], by["sync"], nc, slow, over
            printf "  checkpoints:"; for (x in k) printf " %s %d", x, k[x]
            printf "; longest %.2f ms; writers mutex waited %.2f ms, held %.2f ms at most\n", ct, lw, lh
        }'
}
