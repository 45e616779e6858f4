#!/usr/bin/env python3
"""Projects jgrad's data-parallel rounds on Spark to more executors (docs/distributed.md).

Inputs are measured: a --report JSON of `./jgrad mnist --spark ...` (median compute and overhead per
round, bytes per round) and a step time of the CNN recipe (`./jgrad bench step --model cnn`). The
model, per round with P executors, K local steps, S bytes of state per replica:

    compute   C = K * t_step                      (replicas run in parallel)
    overhead  O = o_fixed + o_task * P            (Spark's job, stage and task scheduling)
    transfer  X = (2 * S + P * S) / bandwidth     (broadcast out by BitTorrent ~ 2 S through the
                                                   driver; P contributions of S back to it)
    round     T = C + O + X;   efficiency E = C / T;   speedup over one machine = P * E

o_fixed is the measured median overhead at P = 2 (minus its 2 tasks); o_task and the bandwidth are
assumptions, printed with the table.
"""
import argparse
import json

ap = argparse.ArgumentParser()
ap.add_argument("--report", required=True, help="report JSON of a --spark run (local[2] or local-cluster)")
ap.add_argument("--cnn-step-ms", type=float, required=True, help="CNN recipe step, batch 64 (bench step --model cnn)")
ap.add_argument("--cnn-params", type=int, default=421642, help="CNN recipe parameters")
ap.add_argument("--task-ms", type=float, default=1.0, help="assumed driver cost per task")
ap.add_argument("--bandwidth", type=float, default=1.0e9, help="assumed driver bandwidth, bytes/s (10 GbE ~ 1.2e9)")
a = ap.parse_args()

r = json.load(open(a.report))
s = r["spark"]
p0, k0 = s["partitions"], s["local_steps"]
step_ms = s["median_compute_ms"] / k0
o_fixed = s["median_overhead_ms"] - a.task_ms * p0
mlp_state = s["bytes_per_round"] / (2 * p0)  # bytes one replica receives (= sends)
print(f"measured ({a.report}): P={p0}, K={k0}, MLP step {step_ms:.3f} ms, overhead {s['median_overhead_ms']:.1f} ms"
      f" per round -> o_fixed {o_fixed:.1f} ms; state {mlp_state / 1e6:.2f} MB per replica")
print(f"assumed: {a.task_ms} ms per task on the driver, driver bandwidth {a.bandwidth / 1e9:.1f} GB/s")
# State per replica: K = 1 ships parameters out and gradients back; K > 1 adds the optimizer's
# slots (none for SGD, two moments for Adam).
models = [("MLP 784-100-10, SGD", step_ms, lambda k: mlp_state),
          ("CNN recipe, Adam", a.cnn_step_ms, lambda k: a.cnn_params * 4 * (1 if k == 1 else 3))]
print(f"{'model':40} {'K':>4} {'P':>3} {'compute ms':>11} {'overhead ms':>12} {'transfer ms':>12} {'efficiency':>10} {'speedup':>8}")
for name, t, state_of in models:
    for k in (1, 10, 100):
        state = state_of(k)
        for p in (2, 8, 64):
            c = k * t
            o = o_fixed + a.task_ms * p
            x = (2 * state + p * state) / a.bandwidth * 1e3
            e = c / (c + o + x)
            print(f"{name:40} {k:4d} {p:3d} {c:11.2f} {o:12.1f} {x:12.1f} {e:10.2f} {p * e:8.2f}")
