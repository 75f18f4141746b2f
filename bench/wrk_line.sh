# Sourced by the benchmark scripts. wrk_line NAME CONNS OUTFILE EXTRA…: run wrk -t2 for
# $DURATION with EXTRA, print "NAME cN X req/s p50 p99" without a newline (the name padded to
# $WRK_NAME_WIDTH, default 10), and a NON-2XX count when wrk saw any.
wrk_line() {
    name=$1 conns=$2 out=$3
    shift 3
    wrk -t2 -c"$conns" -d"$DURATION" --latency "$@" >"$out"
    awk -v name="$name" -v c="$conns" -v w="${WRK_NAME_WIDTH:-10}" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
        / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) } /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { bad = $NF }
        END { printf "%-" w "s c%-3d %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms%s", name, c, rps, p50, p99,
                     bad ? "  NON-2XX " bad : "" }
    ' "$out"
}
