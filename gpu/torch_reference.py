"""PyTorch reference figures on the GPU, for docs/performance.md: float32 GEMM (full FP32, and TF32 as
an explicit opt-in) and the training step of the wide MLP, timed with CUDA events (median).

usage: python3 gpu/torch_reference.py [--size 4096]
"""
import argparse
import statistics

import torch


def median_ms(fn, warmup=10, reps=30):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(reps):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=4096)
    args = ap.parse_args()
    n = args.size
    print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")
    for tf32 in (False, True):
        torch.backends.cuda.matmul.allow_tf32 = tf32
        ms = median_ms(lambda: torch.mm(a, b))
        print(f"RESULT torch_mm n={n} tf32={tf32} ms={ms:.3f} gflops={2 * n ** 3 / ms / 1e6:.0f}")
    torch.backends.cuda.matmul.allow_tf32 = False
    model = torch.nn.Sequential(torch.nn.Linear(3072, 4096), torch.nn.ReLU(), torch.nn.Linear(4096, 4096),
                                torch.nn.ReLU(), torch.nn.Linear(4096, 10)).cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.rand(1024, 3072, device="cuda")
    y = torch.randint(0, 10, (1024,), device="cuda")
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    print(f"RESULT torch_step mlp=3072-4096-4096-10 batch=1024 fp32 ms={median_ms(step):.3f}")


if __name__ == "__main__":
    main()
