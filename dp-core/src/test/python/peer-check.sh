#!/usr/bin/env bash
# Compares dpforge's accountants with Google's dp_accounting (PyPI) in a throw-away virtual environment
# under dp-core/target/. Needs the CLI distribution built by `./mvnw verify` (cli/target/dpforge/lib).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
venv="$root/dp-core/target/peer-check-venv"
lib="$root/cli/target/dpforge/lib"
if [[ ! -d "$lib" ]]; then
  echo "peer check: $lib is missing; run ./mvnw -B -ntp verify first" >&2
  exit 1
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check dp-accounting==0.6.0
"$venv/bin/python" "$root/dp-core/src/test/python/peer_check.py" "$lib/*"
