#!/usr/bin/env bash
# bench/run.sh - issue 9's speed cases for aigrowth, beside the anchors.
#
#   bash bench/run.sh AIGROWTH [ANCHORS_DIR]     (make bench does this)
#
# Times each case as a whole process: one warm-up, then RUNS rounds (default
# 5) in which every tool runs once in turn, so a slow spell of a shared
# machine hits all of them alike. Prints each tool's median wall time, the
# min-max, the median peak RSS (with /usr/bin/time) and aigrowth's time over
# each anchor's, ratio taken round by round, median and min-max.
#
# The anchors (ANCHORS_DIR, default ../shared/anchors) run when present: the
# minimal C + cairo program (built here from c/chart.c), gnuplot and Debian's
# matplotlib. Inputs are generated into a temporary directory (the anchors'
# data/gen.py when python3 is there, an awk stand-in otherwise) and deleted
# at exit. Never fails: a tool that is missing or fails is reported as such.
#
# The project case (aigrowth project over 1,000 series x 24 monthly points
# of one metric, awk-generated) has no anchor: it is printed beside its
# target, at most 1 s and 100 MB. Its processes are killed after
# PROJECT_TIMEOUT seconds (default 120, with timeout(1)) and reported as
# timed out.
#
# The hub case (a data hub's report: one chart per company of a file of
# HUB_CHARTS companies, default 500, each a PNG at 1920x1080, and the
# PDF) runs beside the C+cairo program drawing as many PNGs; target: at
# most 0.4x its time. HUB_RUNS rounds (default 3): each takes minutes.
#
# Environment: RUNS (rounds per case), CASES (space-separated subset of
# "png svg report big_png big_svg parse project hub"), KEEP=1 keeps the temp
# directory, PROJECT_SERIES (series of the project case, default 1000),
# PROJECT_TIMEOUT (seconds a project process may take, default 120).

export LC_ALL=C
AIG=${1:-build/aigrowth}
ANCHORS=${2:-../shared/anchors}
RUNS=${RUNS:-5}
CASES=${CASES:-png svg report big_png big_svg parse project hub}
HUB_CHARTS=${HUB_CHARTS:-500}
HUB_RUNS=${HUB_RUNS:-3}
case $HUB_CHARTS in '' | *[!0-9]* | 0) HUB_CHARTS=500 ;; esac
case $HUB_RUNS in '' | *[!0-9]* | 0) HUB_RUNS=3 ;; esac
PROJECT_SERIES=${PROJECT_SERIES:-1000}
PROJECT_TIMEOUT=${PROJECT_TIMEOUT:-120}
case $PROJECT_SERIES in '' | *[!0-9]* | 0) PROJECT_SERIES=1000 ;; esac
case $PROJECT_TIMEOUT in '' | *[!0-9]* | 0) PROJECT_TIMEOUT=120 ;; esac

if [ -z "${EPOCHREALTIME:-}" ]; then
    echo "bench: needs bash 5 (EPOCHREALTIME); nothing measured"
    exit 0
fi
case $AIG in /*) ;; *) AIG=$PWD/$AIG ;; esac
if [ ! -x "$AIG" ]; then
    echo "bench: $AIG is not built; nothing measured"
    exit 0
fi
case $ANCHORS in /*) ;; *) ANCHORS=$PWD/$ANCHORS ;; esac

T=$(mktemp -d "${TMPDIR:-/tmp}/aigrowth-bench.XXXXXX") || exit 0
[ "${KEEP:-0}" = 1 ] && echo "bench: keeping $T" || trap 'rm -rf "$T"' EXIT
mkdir -p "$T/out"

TIME_BIN=
[ -x /usr/bin/time ] && TIME_BIN=/usr/bin/time
TIMEOUT_BIN=$(command -v timeout 2>/dev/null)
PY=
for p in /usr/bin/python3 python3; do
    command -v "$p" >/dev/null 2>&1 && { PY=$p; break; }
done

# ---- inputs ---------------------------------------------------------------

# Same shape as the anchors' generator (date,company,metric,value, grouped by
# company then date), used when that generator or python3 is missing.
gen_awk() { # small|big
    awk -v which="$1" 'BEGIN {
        srand(which == "small" ? 20250101 : 424242)
        print "date,company,metric,value"
        if (which == "small") {
            split("OpenAI Anthropic Google xAI", nm, " ")
            split("30 1 200 0.2", v0, " "); split("0.075 0.11 0.04 0.12", g, " ")
            for (c = 1; c <= 4; c++)
                for (m = 0; m < 60; m++)
                    printf "%04d-%02d-01,%s,revenue_run_rate_usd_m,%.6g\n",
                        2021 + int(m / 12), m % 12 + 1, nm[c],
                        v0[c] * exp(g[c] * m + 0.1 * (rand() - 0.5))
            exit
        }
        split("31 28 31 30 31 30 31 31 30 31 30 31", mdays, " ")
        n = 0; y = 2015; mo = 1; d = 1
        for (i = 0; i < 4000; i++) {
            date[i] = sprintf("%04d-%02d-%02d", y, mo, d)
            dim = mdays[mo] + (mo == 2 && y % 4 == 0)
            if (++d > dim) { d = 1; if (++mo > 12) { mo = 1; y++ } }
        }
        for (c = 1; c <= 250; c++) {
            name = c <= 4 ? substr("OpenAI   AnthropicGoogle   xAI      ", 9 * c - 8, 9) \
                          : sprintf("Lab%03d", c)
            gsub(/ /, "", name)
            lv = -2 + 7 * rand(); gr = 0.0005 + 0.003 * rand(); s = 0.02 + 0.08 * rand()
            for (i = 0; i < 4000; i++)
                printf "%s,%s,revenue_run_rate_usd_m,%.6g\n", date[i], name,
                    exp(lv + gr * i + s * (rand() - 0.5))
        }
    }'
}

gen() { # small|big > file
    if [ -n "$PY" ] && [ -f "$ANCHORS/data/gen.py" ]; then
        "$PY" "$ANCHORS/data/gen.py" "$1"
    else
        gen_awk "$1"
    fi
}

# N companies x 24 monthly points of one metric (2023-01..2024-12), grouped
# by company then date: positive, exponential growth with a little
# curvature (a quadratic term in log space) and noise, fixed seed.
gen_project() { # N
    awk -v n="$1" 'BEGIN {
        srand(20250601)
        print "date,company,metric,value"
        for (c = 1; c <= n; c++) {
            lv = -1 + 6 * rand(); g = 0.02 + 0.1 * rand()
            k = 0.003 * (rand() - 0.5); s = 0.04 + 0.16 * rand()
            for (m = 0; m < 24; m++)
                printf "%04d-%02d-01,Co%04d,revenue_run_rate_usd_m,%.6g\n",
                    2023 + int(m / 12), m % 12 + 1, c,
                    exp(lv + g * m + k * m * m + s * (rand() - 0.5))
        }
    }'
}

gen small >"$T/small.csv"
# Ten metrics of the same four companies: a ten-chart report.
awk -F, 'NR == 1 { print; next }
         { line[NR] = $0 }
         END { for (k = 1; k <= 10; k++)
                   for (i = 2; i <= NR; i++) {
                       split(line[i], f, ",")
                       printf "%s,%s,metric_%02d,%s\n", f[1], f[2], k, f[4]
                   } }' "$T/small.csv" >"$T/ten.csv"
case " $CASES " in
*" big_png "* | *" big_svg "* | *" parse "*)
    gen big >"$T/big.csv" ;;
esac
case " $CASES " in
*" project "*) gen_project "$PROJECT_SERIES" >"$T/project.csv" ;;
esac
# A data hub: HUB_CHARTS companies x 24 months of one metric, and a spec
# with a chart per company.
case " $CASES " in
*" hub "*)
    mkdir -p "$T/hub"
    awk -v n="$HUB_CHARTS" 'BEGIN {
        print "date,company,metric,value,unit"
        for (c = 1; c <= n; c++)
            for (m = 0; m < 24; m++)
                printf "%d-%02d,Company %04d,revenue,%.0f,USD\n",
                       2024 + int(m / 12), m % 12 + 1, c,
                       1e8 * c * exp(m * 0.05 + sin(c + m) * 0.1) }' \
        >"$T/hub/hub.csv"
    awk -v n="$HUB_CHARTS" 'BEGIN {
        print "[report]\ntitle = Data hub\ndata = hub.csv\nformats = png\n"
        for (c = 1; c <= n; c++)
            printf "[chart c%04d]\nmetric = revenue\ncompanies = Company %04d\n\n", c, c }' \
        >"$T/hub/report.ini"
    ;;
esac

# ---- anchors --------------------------------------------------------------

HAVE_C=0 HAVE_GP=0 HAVE_MPL=0
if [ -f "$ANCHORS/c/chart.c" ] && command -v cc >/dev/null 2>&1 &&
    cc -O2 "$ANCHORS/c/chart.c" -o "$T/c_chart" \
        $(pkg-config --cflags --libs cairo libpng 2>/dev/null) -lm \
        >/dev/null 2>&1; then
    HAVE_C=1
fi
if [ -f "$ANCHORS/gnuplot/chart.gp" ] && command -v gnuplot >/dev/null 2>&1; then
    HAVE_GP=1
fi
if [ -f "$ANCHORS/mpl/chart.py" ] && [ -n "$PY" ] &&
    "$PY" -c 'import matplotlib, numpy' >/dev/null 2>&1; then
    HAVE_MPL=1
fi

# ---- measurement ----------------------------------------------------------

us_now() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# One run of a command string (split as the shell splits words, after
# expanding $RUN_ID, which is new for every run); prints "microseconds
# peak_KiB exit_status". With RUN_LIMIT (seconds) set and timeout(1) there,
# the command is killed after RUN_LIMIT seconds (TERM, then KILL 5 s later)
# and the exit status printed is "timeout".
run_once() {
    local cmd=$1 t0 t1 rc kb=-
    local -a lim=()
    [ -n "${RUN_LIMIT:-}" ] && [ -n "$TIMEOUT_BIN" ] &&
        lim=("$TIMEOUT_BIN" --foreground -k 5 "$RUN_LIMIT")
    eval "set -- $cmd"
    t0=$(us_now)
    if [ -n "$TIME_BIN" ]; then
        "$TIME_BIN" -f %M -o "$T/rss" "${lim[@]}" "$@" >/dev/null 2>&1
        rc=$?
    else
        "${lim[@]}" "$@" >/dev/null 2>&1
        rc=$?
    fi
    t1=$(us_now)
    [ -n "$TIME_BIN" ] && kb=$(tail -n 1 "$T/rss" 2>/dev/null)
    case $kb in '' | *[!0-9]*) kb=- ;; esac
    # timeout(1) exits 124 when it sent TERM, 137 when it had to KILL
    if ((${#lim[@]})) && { [ "$rc" = 124 ] || [ "$rc" = 137 ]; } &&
        ((t1 - t0 >= RUN_LIMIT * 1000000)); then
        rc=timeout
    fi
    echo "$((t1 - t0)) $kb $rc"
}

# Median, min and max of the numbers on stdin, one a line, "-" if none.
stats() {
    sort -g | awk '{ v[NR] = $1 }
        END { if (NR == 0) { print "- - -"; exit }
              m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
              print m, v[1], v[NR] }'
}

# case TITLE, then "LABEL|COMMAND" pairs, aigrowth first. With RUN_LIMIT
# set (see run_once), a tool whose run times out is not run again in this
# case and is reported as timed out ($T/x$i marks it).
bench_case() {
    local title=$1
    shift
    local n=$# i r label cmd
    local -a labels cmds
    for ((i = 0; i < n; i++)); do
        labels[i]=${1%%|*}
        cmds[i]=${1#*|}
        shift
        : >"$T/t$i" >"$T/k$i" >"$T/e$i"
        rm -f "$T/x$i"
    done
    for ((i = 0; i < n; i++)); do
        RUN_ID=w$i
        read -r us kb rc <<<"$(run_once "${cmds[i]}")"
        [ "$rc" = timeout ] && : >"$T/x$i"
    done
    for ((r = 0; r < RUNS; r++)); do
        for ((i = 0; i < n; i++)); do
            [ -f "$T/x$i" ] && continue
            RUN_ID=r${r}_$i
            read -r us kb rc <<<"$(run_once "${cmds[i]}")"
            [ "$rc" = timeout ] && { : >"$T/x$i"; continue; }
            echo "$us" >>"$T/t$i"
            [ "$kb" != - ] && echo "$kb" >>"$T/k$i"
            [ "$rc" != 0 ] && echo "$rc" >>"$T/e$i"
        done
    done
    echo
    echo "$title"
    printf '  %-12s %9s %19s %9s   %s\n' tool "median s" "min-max s" "peak MiB" \
        "aigrowth / tool: median (min-max)"
    for ((i = 0; i < n; i++)); do
        read -r med lo hi <<<"$(stats <"$T/t$i")"
        read -r kmed _ _ <<<"$(stats <"$T/k$i")"
        local ratio="" to=""
        [ -f "$T/x$i" ] && to=${RUN_LIMIT:-?}
        if ((i > 0)) && [ ! -f "$T/x0" ] && [ -z "$to" ]; then
            ratio=$(paste -d' ' "$T/t0" "$T/t$i" |
                awk '$2 > 0 { print $1 / $2 }' | stats |
                awk '$1 != "-" { printf "%.2f (%.2f-%.2f)", $1, $2, $3 }')
        fi
        local note=""
        [ -s "$T/e$i" ] && note="  [exit $(sort -u "$T/e$i" | tr '\n' ' ')]"
        awk -v l="${labels[i]}" -v m="$med" -v lo="$lo" -v hi="$hi" \
            -v k="$kmed" -v r="$ratio" -v note="$note" -v to="$to" 'BEGIN {
            if (to != "") {
                printf "  %-12s timed out (killed after %s s)%s\n", l, to, note
                exit }
            if (m == "-") { printf "  %-12s not measured\n", l; exit }
            printf "  %-12s %9.3f %9.3f-%-9.3f %9s   %s%s\n", l, m / 1e6,
                lo / 1e6, hi / 1e6, k == "-" ? "-" : sprintf("%.1f", k / 1024),
                r, note }'
    done
}

size_of() { # file...
    for f in "$@"; do
        [ -f "$f" ] && printf '  %-40s %10d bytes\n' "${f#"$T"/}" "$(wc -c <"$f")"
    done
}

SM=$T/small.csv BG=$T/big.csv O=$T/out
GP="gnuplot -c $ANCHORS/gnuplot/chart.gp"
MPL="$PY $ANCHORS/mpl/chart.py"

echo "aigrowth bench: $(date -u +%Y-%m-%d) $(uname -m), $(nproc 2>/dev/null || echo ?) cores," \
    "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
echo "whole-process wall time, $RUNS rounds after one warm-up; the tools take turns in each round"
echo "anchors: C+cairo $([ $HAVE_C = 1 ] && echo yes || echo no)," \
    "gnuplot $([ $HAVE_GP = 1 ] && echo yes || echo no)," \
    "matplotlib $([ $HAVE_MPL = 1 ] && echo yes || echo no) (from $ANCHORS)"
echo "charts: 1600x900, log y, 4 companies x 60 months, exponential fit with band"

# add LABEL COMMAND to the current case's list when HAVE is 1
pairs=()
add() { [ "$1" = 1 ] && pairs+=("$2|$3"); }

for c in $CASES; do
    pairs=()
    case $c in
    png)
        pairs+=("aigrowth|$AIG chart $SM -o $O/a.png --size 1600x900")
        add $HAVE_C "C+cairo" "$T/c_chart -o $O/c.png $SM"
        add $HAVE_GP gnuplot "$GP $SM $O/g.png png"
        add $HAVE_MPL matplotlib "$MPL $SM $O/m.png png"
        bench_case "1 PNG" "${pairs[@]}"
        size_of "$O/a.png" "$O/c.png"
        ;;
    svg)
        pairs+=("aigrowth|$AIG chart $SM -o $O/a.svg --size 1600x900")
        add $HAVE_C "C+cairo" "$T/c_chart -f svg -o $O/c.svg $SM"
        add $HAVE_GP gnuplot "$GP $SM $O/g.svg svg"
        add $HAVE_MPL matplotlib "$MPL $SM $O/m.svg svg"
        bench_case "1 SVG" "${pairs[@]}"
        size_of "$O/a.svg" "$O/c.svg"
        ;;
    report)
        # A new charts directory each run: report skips charts whose data
        # did not change since the last run into the same directory.
        pairs+=("aigrowth|$AIG report $T/ten.csv -q -o $O/r.pdf --charts $O/charts_\$RUN_ID")
        add $HAVE_C "C+cairo" "$T/c_chart -n 10 -o $O/c10.png $SM"
        add $HAVE_GP gnuplot "$GP $SM $O/g10.png png 10"
        add $HAVE_MPL matplotlib "$MPL $SM $O/m10.png png 10"
        add $HAVE_C "C 10p PDF" "$T/c_chart -f pdf -n 10 -o $O/c10.pdf $SM"
        bench_case "10 charts in one process (aigrowth: report of 10 metrics = 10 PNG at 1920x1080 + 10 SVG + PDF; anchors: 10 PNG at 1600x900, or one 10-page PDF)" \
            "${pairs[@]}"
        size_of "$O/r.pdf" "$O/c10.pdf"
        # What the PDF adds: the full report against the same report with
        # the charts to redraw (their files deleted: "output missing") but
        # the PDF unchanged, taking turns in each round so that the ratio
        # is of two runs side by side. The PDF is made while the charts
        # are drawn.
        "$AIG" report "$T/ten.csv" -q -o "$O/pa.pdf" --charts "$O/pa" >/dev/null 2>&1
        bench_case "the same report, and without its PDF (charts redrawn, PDF unchanged)" \
            "full report|$AIG report $T/ten.csv -q -o $O/rf.pdf --charts $O/full_\$RUN_ID" \
            "charts only|sh -c 'rm -f $O/pa/*.png $O/pa/*.svg; exec $AIG report $T/ten.csv -q -o $O/pa.pdf --charts $O/pa'"
        paste -d' ' "$T/t0" "$T/t1" | awk '$2 > 0 { print $1 / $2 }' | stats |
            awk 'function pct(r) { r = int(100 * (r - 1) + (r >= 1 ? 0.5 : -0.5))
                                   return r == 0 ? 0 : r }
                 $1 != "-" { printf "  the PDF adds %d%% (median of the rounds; %d%% to %d%%)\n",
                                    pct($1), pct($2), pct($3) }'
        ;;
    big_png | big_svg)
        f=${c#big_}
        pairs+=("aigrowth|$AIG chart $BG --model none -o $O/ab.$f --size 1600x900")
        add $HAVE_C "C+cairo" "$T/c_chart -l -f $f -o $O/cb.$f $BG"
        add $HAVE_GP gnuplot "gnuplot -c $ANCHORS/gnuplot/big.gp $BG $O/gb.$f $f"
        add $HAVE_MPL matplotlib "$MPL $BG $O/mb.$f $f --lines-only"
        bench_case "1,000,000 points (250 series x 4000), $f, --model none" "${pairs[@]}"
        size_of "$O/ab.$f" "$O/cb.$f" "$O/gb.$f" "$O/mb.$f"
        ;;
    parse)
        pairs+=("aigrowth|$AIG check $BG")
        add $HAVE_C "C hand" "$T/c_chart -P $BG"
        bench_case "parse the 1M-row CSV (aigrowth: check = load + validate)" "${pairs[@]}"
        awk -v b="$(wc -c <"$BG")" -v t="$(stats <"$T/t0" | cut -d' ' -f1)" \
            'BEGIN { if (t != "-" && t > 0)
                printf "  aigrowth: %.1f MB in %.3f s = %.0f MB/s (whole process)\n",
                       b / 1e6, t / 1e6, b / t }'
        ;;
    project)
        pairs+=("aigrowth|$AIG project $T/project.csv")
        RUN_LIMIT=$PROJECT_TIMEOUT bench_case \
            "project: trend fits and crossovers of $(echo "$PROJECT_SERIES" |
                sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') series x 24 monthly points, one metric (no anchor)" \
            "${pairs[@]}"
        [ -z "$TIMEOUT_BIN" ] && echo "  (no timeout(1) here: runs were not limited)"
        # The median run against the target (MB of 10^6 bytes).
        awk -v t="$(stats <"$T/t0" | cut -d' ' -f1)" \
            -v k="$(stats <"$T/k0" | cut -d' ' -f1)" \
            -v x="$([ -f "$T/x0" ] && echo "$PROJECT_TIMEOUT")" 'BEGIN {
            printf "  target ≤ 1 s, ≤ 100 MB: "
            if (x != "") {
                printf "not met (timed out: over %s s a process); no anchor to compare with\n", x
                exit }
            if (t == "-") { print "not measured"; exit }
            mb = k == "-" ? -1 : k * 1024 / 1e6
            tm = t <= 1e6; km = mb >= 0 && mb <= 100
            fig = sprintf("%.3f s, %s", t / 1e6,
                          mb < 0 ? "peak RSS not measured" : sprintf("%.1f MB", mb))
            res = mb < 0 ? (tm ? "time met, memory not measured" : "not met") \
                         : (tm && km ? "met" : "not met")
            printf "%s (median %s); no anchor to compare with\n", res, fig }'
        ;;
    hub)
        # A new charts directory and PDF each run, as in the report case.
        pairs+=("aigrowth|$AIG report $T/hub/report.ini -q -o $O/hub_\$RUN_ID.pdf --charts $O/hub_\$RUN_ID")
        add $HAVE_C "C+cairo" "$T/c_chart -n $HUB_CHARTS -o $O/hub_c.png $SM"
        RUNS_BEFORE=$RUNS
        RUNS=$HUB_RUNS
        bench_case "a data hub's report: $HUB_CHARTS charts (aigrowth: one chart per company, $HUB_CHARTS PNG at 1920x1080 + PDF; C+cairo: $HUB_CHARTS PNG at 1600x900; target at most 0.4x)" \
            "${pairs[@]}"
        RUNS=$RUNS_BEFORE
        rm -rf "$O"/hub_*
        ;;
    *) echo "bench: unknown case $c (png svg report big_png big_svg parse project hub)" ;;
    esac
done
exit 0
