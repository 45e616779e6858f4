"""PyTorch reference figures on the GPU, for docs/performance.md: float32 GEMM (full FP32, and TF32 as
an explicit opt-in), the training step of the wide MLP, and the training step of issue 11's CNN recipe
at --cnn-batch (Adam 1e-3, 1x28x28 inputs), with cuDNN in full FP32 and with its TF32 default, all
timed with CUDA events (median).

usage: python3 gpu/torch_reference.py [--size 4096] [--cnn-batch 256]
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
    ap.add_argument("--cnn-batch", type=int, default=256)
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
    cnn_steps(args.cnn_batch)


def cnn_steps(batch):
    """The CNN recipe (torch_cnn.py's model) on random batches, as `jgrad bench step --model cnn`."""
    nn = torch.nn
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10)).cuda()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    xs = [torch.rand(batch, 1, 28, 28, device="cuda") for _ in range(16)]
    ys = [torch.randint(0, 10, (batch,), device="cuda") for _ in range(16)]
    k = [0]

    def step():
        i = k[0] % 16
        k[0] += 1
        opt.zero_grad(set_to_none=True)
        loss_fn(model(xs[i]), ys[i]).backward()
        opt.step()

    for tf32 in (False, True):
        torch.backends.cudnn.allow_tf32 = tf32
        ms = median_ms(step, warmup=20, reps=100)
        print(f"RESULT torch_step cnn batch={batch} cudnn_tf32={tf32} ms={ms:.3f}")
    torch.backends.cudnn.allow_tf32 = False


if __name__ == "__main__":
    main()
