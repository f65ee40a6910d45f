#!/usr/bin/env bash
# Side-by-side run of dpforge's Private-GSD and AIM (mbi from PyPI) on the same data, discretisation,
# workload (all 3-way marginals), rho (same epsilon -> rho conversion, delta = 1e-9) and neighbouring
# relation (add/remove, noise on counts). Usage:
#   bench/compare/run.sh DATA.csv DOMAIN.json [EPSILONS] [SEEDS] [AIM_MAX_ITERS]
# e.g. bench/compare/run.sh ../shared/datasets/cps1988/cps1988.csv samples/cps1988/domain.json "1" "0 1 2 3 4"
# The virtual environment and all outputs live under target/compare (never committed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
data=$1
domain=$2
epsilons=${3:-1}
seeds=${4:-0 1 2 3 4}
max_iters=${5:-1000}
work=target/compare/$(basename "$data" .csv)
venv=target/compare/venv
mkdir -p "$work"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "mbi==2.0.0"
fi
jar=synth/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -ntp -q -Pbench package -pl synth -am -DskipTests
fi
java -cp "$jar" io.dpforge.synth.bench.Sweep export-codes "$data" "$domain" "$work/codes.csv" "$work/sizes.json" \
  > "$work/rho.txt" 2>/dev/null
results=$work/results.jsonl
for e in $epsilons; do
  rho=$(awk -v e="$e" '$2 == e { print $4 }' "$work/rho.txt")
  for s in $seeds; do
    java -cp "$jar" io.dpforge.synth.bench.Sweep ours "$data" "$domain" --epsilon "$e" --seed "$s" 2>/dev/null \
      | tail -1 >> "$results"
    line=$("$venv/bin/python" bench/compare/aim_run.py --codes "$work/codes.csv" --domain "$work/sizes.json" \
      --rho "$rho" --seed "$s" --max-iters "$max_iters" --out "$work/aim-$e-$s.csv" 2>> "$work/aim.log" | tail -1)
    l1=$(java -cp "$jar" io.dpforge.synth.bench.Sweep evaluate-codes "$data" "$domain" "$work/aim-$e-$s.csv" \
      2>/dev/null | tail -1)
    echo "${line%\}}, \"epsilon\": $e, \"max_iters\": $max_iters, ${l1#\{}" >> "$results"
  done
done
"$venv/bin/python" bench/compare/table.py "$results"
