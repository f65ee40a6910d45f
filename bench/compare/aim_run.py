"""AIM (McKenna, Mullins, Sheldon, Miklau, "AIM: An Adaptive and Iterative Mechanism for
Differentially Private Synthetic Data", VLDB 2022, Algorithm 1) on top of the mbi package
(Private-PGM) from PyPI. The mbi package ships the estimation machinery, not the mechanism, so the
mechanism loop is written here from the paper, with its published defaults: T = 16 d rounds,
0.9 of each round's budget on measurement and 0.1 on selection, initial 1-way marginals, model size
cap 80 MB grown with the budget used, and sigma annealing.

Privacy: add/remove neighbours, Gaussian noise on counts (L2 sensitivity 1 per marginal). The budget
is given directly as rho (zCDP) so that both systems use the same epsilon -> rho conversion.

Input: a CSV of integer codes (one column per attribute) and a JSON object {attribute: size}.
Output: a CSV of synthetic codes, and one JSON line with the wall time on stdout.
"""

import argparse
import csv
import itertools
import json
import sys
import time

import numpy as np
import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_enable_compilation_cache", False)

from mbi import Dataset, Domain, LinearMeasurement, estimation, junction_tree  # noqa: E402


def subsets(clique):
    return [c for r in range(1, len(clique) + 1) for c in itertools.combinations(clique, r)]


def candidate_weights(workload):
    """Every clique below a workload clique, weighted by its overlap with the workload (AIM §4.1)."""
    cands = set()
    for w in workload:
        cands.update(subsets(w))
    return {c: float(sum(len(set(c) & set(w)) for w in workload)) for c in sorted(cands, key=len)}


def exponential_mechanism(rng, scores, epsilon, sensitivity):
    keys = list(scores)
    q = np.array([scores[k] for k in keys])
    logits = 0.5 * epsilon / sensitivity * (q - q.max())
    p = np.exp(logits)
    return keys[rng.choice(len(keys), p=p / p.sum())]


def aim(data, workload, rho, rng, max_model_size=80.0, max_iters=1000):
    domain = data.domain
    rounds = 16 * len(domain)
    cands = candidate_weights(workload)
    answers = {c: data.project(c).datavector() for c in cands}
    oneway = [c for c in cands if len(c) == 1]
    sigma = np.sqrt(rounds / (2 * 0.9 * rho))
    epsilon = np.sqrt(8 * 0.1 * rho / rounds)
    measurements = []
    used = len(oneway) / (2 * sigma ** 2)
    for c in oneway:
        x = answers[c]
        measurements.append(LinearMeasurement(x + rng.normal(0, sigma, x.size), c, stddev=sigma))
    model = estimation.MirrorDescent().estimate(domain, measurements, iters=max_iters)
    done = False
    while not done:
        if rho - used < 2 * (1 / (2 * sigma ** 2) + epsilon ** 2 / 8):
            remaining = rho - used
            sigma = np.sqrt(1 / (2 * 0.9 * remaining))
            epsilon = np.sqrt(8 * 0.1 * remaining)
            done = True
        used += epsilon ** 2 / 8 + 1 / (2 * sigma ** 2)
        limit = max_model_size * used / rho
        free = set()
        for c in model.cliques:
            free.update(subsets(tuple(c)))
        allowed = {c: w for c, w in cands.items()
                   if c in free or junction_tree.hypothetical_model_size(domain, list(model.cliques) + [c]) <= limit}
        scores = {}
        for c, w in allowed.items():
            bias = np.sqrt(2 / np.pi) * sigma * domain.size(c)
            scores[c] = w * (np.abs(answers[c] - model.project(c).datavector()).sum() - bias)
        chosen = exponential_mechanism(rng, scores, epsilon, max(allowed.values()))
        x = answers[chosen]
        measurements.append(LinearMeasurement(x + rng.normal(0, sigma, x.size), chosen, stddev=sigma))
        print(f"round {len(measurements) - len(oneway)}: measured {chosen}, rho used {used:.5g} of {rho:.5g}",
              file=sys.stderr, flush=True)
        before = model.project(chosen).datavector()
        model = estimation.MirrorDescent().estimate(domain, measurements, iters=max_iters, warm_start=model)
        after = model.project(chosen).datavector()
        if np.abs(after - before).sum() <= sigma * np.sqrt(2 / np.pi) * x.size:
            sigma /= 2
            epsilon *= 2
    return model, used


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--codes", required=True)
    p.add_argument("--domain", required=True)
    p.add_argument("--rho", type=float, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--degree", type=int, default=3)
    p.add_argument("--max-model-size", type=float, default=80.0)
    p.add_argument("--max-iters", type=int, default=1000)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    with open(a.domain) as f:
        sizes = json.load(f)
    with open(a.codes, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        table = np.array([[int(v) for v in row] for row in reader], dtype=np.int64)
    domain = Domain(list(sizes), [sizes[k] for k in sizes])
    data = Dataset({k: table[:, header.index(k)] for k in sizes}, domain)
    workload = list(itertools.combinations(list(sizes), a.degree))
    rng = np.random.default_rng(a.seed)
    np.random.seed(a.seed)  # mbi's synthetic_data draws from the global generator
    start = time.time()
    model, used = aim(data, workload, a.rho, rng, a.max_model_size, a.max_iters)
    synth = model.synthetic_data()
    seconds = time.time() - start
    columns = synth.to_dict()
    with open(a.out, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(list(sizes))
        writer.writerows(zip(*[np.asarray(columns[k]).tolist() for k in sizes]))
    print(json.dumps({"system": "aim", "seed": a.seed, "rho": a.rho, "rho_used": float(used),
                      "seconds": seconds, "rows": int(len(next(iter(synth.to_dict().values()))))}))


if __name__ == "__main__":
    main()
