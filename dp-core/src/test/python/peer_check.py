"""Cross-checks dpforge's RDP and PLD accountants against Google's dp_accounting on a grid.

Ours come from the `dpforge accountant` CLI (`--json`); theirs from dp_accounting's RdpAccountant
(same orders, absolute fractional series) and PLDAccountant (value_discretization_interval=1e-4).
Exits non-zero when a value differs by more than the stated tolerance. Prints a Markdown table.
"""
import concurrent.futures
import json
import subprocess
import sys

from dp_accounting import dp_event, pld, rdp

RDP_RELATIVE_TOLERANCE = 1e-7
PLD_RELATIVE_TOLERANCE = 2e-4

# (sampling rate q, noise multiplier sigma, steps T, delta)
GRID = [
    (0.01, 1.1, 10_000, 1e-5),
    (0.04, 1.5, 2_250, 1e-5),
    (0.001, 1.0, 30_000, 1e-7),
    (0.1, 3.0, 512, 1e-6),
    (0.01, 0.7, 120, 1e-5),
    (1.0, 0.7, 2, 1e-5),
    (0.2, 2.0, 1_000, 1e-6),
    (0.005, 0.8, 5_000, 1e-5),
]


def ours(classpath, command, q, sigma, steps, delta, *extra):
    args = ["java", "-cp", classpath, "io.dpforge.cli.Main", "accountant", command,
            "--sampling-rate", repr(q), "--noise-multiplier", repr(sigma), "--steps", str(steps),
            "--delta", repr(delta), "--json", *extra]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["epsilon"]


def event(q, sigma, steps):
    return dp_event.SelfComposedDpEvent(dp_event.PoissonSampledDpEvent(q, dp_event.GaussianDpEvent(sigma)), steps)


def theirs_rdp(q, sigma, steps, delta):
    accountant = rdp.RdpAccountant()  # DEFAULT_RDP_ORDERS, absolute fractional series
    accountant.compose(event(q, sigma, steps))
    return accountant.get_epsilon(delta)


def theirs_pld(q, sigma, steps, delta):
    accountant = pld.PLDAccountant(value_discretization_interval=1e-4)
    accountant.compose(event(q, sigma, steps))
    return accountant.get_epsilon(delta)


def main(classpath):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        rdp_jobs = [pool.submit(ours, classpath, "rdp", *g, "--orders", "dp-accounting",
                                "--fractional-series", "absolute") for g in GRID]
        pld_jobs = [pool.submit(ours, classpath, "pld", *g) for g in GRID]
        rows = []
        for g, rj, pj in zip(GRID, rdp_jobs, pld_jobs):
            rows.append((g, rj.result(), theirs_rdp(*g), pj.result(), theirs_pld(*g)))
    failures = 0
    print("| q | σ | steps | δ | RDP ε (dpforge) | RDP ε (dp_accounting) | rel. diff | PLD ε (dpforge) |"
          " PLD ε (dp_accounting) | rel. diff |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for (q, sigma, steps, delta), r_ours, r_theirs, p_ours, p_theirs in rows:
        r_diff = abs(r_ours - r_theirs) / r_theirs
        p_diff = abs(p_ours - p_theirs) / p_theirs
        bad = r_diff > RDP_RELATIVE_TOLERANCE or p_diff > PLD_RELATIVE_TOLERANCE or p_ours > r_ours
        failures += bad
        print(f"| {q} | {sigma} | {steps} | {delta} | {r_ours:.7f} | {r_theirs:.7f} | {r_diff:.1e} |"
              f" {p_ours:.7f} | {p_theirs:.7f} | {p_diff:.1e} |{' MISMATCH' if bad else ''}")
    print(f"\ntolerances: RDP {RDP_RELATIVE_TOLERANCE:g} relative, PLD {PLD_RELATIVE_TOLERANCE:g} relative;"
          " PLD must not exceed RDP")
    if failures:
        print(f"{failures} grid point(s) out of tolerance", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
