"""Markdown table of bench/compare/run.sh results: mean ± sd over seeds of the 3-way mean L1 and wall time."""
import json
import statistics
import sys
from collections import defaultdict

rows = defaultdict(list)
with open(sys.argv[1]) as f:
    for line in f:
        if line.strip():
            r = json.loads(line)
            rows[(r["epsilon"], r["system"])].append(r)


def fmt(values, digits):
    if len(values) < 2:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


print("| ε | system | seeds | 3-way mean L1 | wall time (s) |")
print("|---|---|---|---|---|")
for (eps, system), rs in sorted(rows.items()):
    print(f"| {eps} | {system} | {len(rs)} | {fmt([r['mean_l1'] for r in rs], 4)} | "
          f"{fmt([r['seconds'] for r in rs], 1)} |")
