#!/usr/bin/env bash
# Measurement-pass benchmark of spark-jobs (results in spark-jobs/README.md): rows per second of the
# distributed pass on the given Spark masters against one thread of the synth engine, in one run.
# Usage: bench/spark-measure.sh --input DATA.csv[.gz] --domain DOMAIN.json [--rows N] [--master 'local[2]']
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/bin/dpforge" --version >/dev/null   # builds the distribution when sources changed
dist="$root/cli/target/dpforge"
read -r -a jvm_flags < "$dist/jvm.options"
java_cmd="java"
[[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
cd "$root"
# shellcheck disable=SC2086
exec "$java_cmd" "${jvm_flags[@]}" ${BENCH_JAVA_OPTS:--Xmx4g} -cp "$dist/lib/*" io.dpforge.spark.synth.MeasurementBench "$@"
