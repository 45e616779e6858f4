"""Writes the PyTorch-exported fixtures of OnnxFromPyTorchTest (run with Debian's python3-torch):

    /usr/bin/python3 onnx/src/test/resources/pytorch/make_fixtures.py [FASHION_MNIST_DIR]

- mlp.onnx, cnn.onnx: the MLP recipe (784-100-10 ReLU) and the CNN recipe (conv32-pool-conv64-pool-
  dense128-dense10), PyTorch's default initialisation under fixed seeds, exported by
  torch.onnx.export at opset 17 with a dynamic batch; *_x.f32 a batch of inputs and *_y.f32
  PyTorch's outputs for it (raw little-endian float32).
- fashion_mlp.onnx and fashion_mlp.txt: the MLP trained one epoch on Fashion-MNIST (Adam 1e-3,
  batch 64) and the number of the 10,000 test images PyTorch classifies correctly (only when the
  dataset folder is given).
"""
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


def mlp():
    return nn.Sequential(nn.Linear(784, 100), nn.ReLU(), nn.Linear(100, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))


def export(model, x, name):
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=17, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    x.numpy().astype("<f4").tofile(os.path.join(HERE, name + "_x.f32"))
    with torch.no_grad():
        model(x).numpy().astype("<f4").tofile(os.path.join(HERE, name + "_y.f32"))


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(data[3])]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def main():
    torch.manual_seed(1)
    export(mlp(), torch.rand(16, 784), "mlp")
    torch.manual_seed(2)
    export(cnn(), torch.rand(8, 1, 28, 28), "cnn")
    if len(sys.argv) > 1:
        d = sys.argv[1]
        xtr = torch.from_numpy(idx(os.path.join(d, "train-images-idx3-ubyte.gz")).reshape(-1, 784) / np.float32(255))
        ttr = torch.from_numpy(idx(os.path.join(d, "train-labels-idx1-ubyte.gz")).astype(np.int64))
        xte = torch.from_numpy(idx(os.path.join(d, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784) / np.float32(255))
        tte = torch.from_numpy(idx(os.path.join(d, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
        torch.manual_seed(3)
        m = mlp()
        opt = torch.optim.Adam(m.parameters(), lr=1e-3)
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), 64):
            idxs = perm[i:i + 64]
            opt.zero_grad()
            nn.functional.cross_entropy(m(xtr[idxs]), ttr[idxs]).backward()
            opt.step()
        m.eval()
        with torch.no_grad():
            correct = int((m(xte).argmax(1) == tte).sum())
        torch.onnx.export(m, xte[:1], os.path.join(HERE, "fashion_mlp.onnx"), opset_version=17,
                          input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
        with open(os.path.join(HERE, "fashion_mlp.txt"), "w") as f:
            f.write(f"{correct}\n")
        print("fashion-mnist test correct:", correct)


if __name__ == "__main__":
    main()
