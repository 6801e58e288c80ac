#!/usr/bin/env bash
# Every benchmark, one after the other; each writes its report under docs/. Not part of the test run.
#
#   scripts/bench-all.sh        (about 20 minutes on 2 cores; run it on a quiet machine)
#
#   1. JMH, one acceptance decision in-process        → docs/benchmarks-jmh.md
#   2. matching and the hand-written floor, in-process → docs/benchmarks.md
#   3. populations × policies (100k/1M × 100/1,000), Java and Easy Rules side by side, re-matching one
#      enterprise, compiling 1,000 policies             → docs/benchmarks-scale.md
#   4. the packaged service under wrk: decisions, matches, a run of one policy over 1,000,000
#      enterprises with grants written, activation of a 1,000-policy rule base under load
#                                                       → docs/benchmarks-rest.md
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo; echo "=== bench-all $(date +%H:%M:%S): $*"; }
uptime
step "compiling"
mvn -q -B -DskipTests package
mvn -q -B test-compile
step "1/4 JMH acceptance decision"
mvn -q -B exec:exec@jmh
step "2/4 in-process matching"
mvn -q -B exec:java@bench
step "3/4 scale"
mvn -q -B exec:java@bench-scale
step "4/4 REST under wrk"
BENCH_SKIP_PACKAGE=1 scripts/bench-rest.sh
step "done"
uptime
