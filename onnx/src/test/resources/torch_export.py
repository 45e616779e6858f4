"""Exports a small CNN with PyTorch's ONNX exporter (opset 17) for OnnxFromPyTorchTest.

    python3 torch_export.py MODEL.onnx X.f32 Y.f32

X.f32 and Y.f32: the input batch and PyTorch's eval-mode output, raw little-endian float32.
"""
import sys

import torch
from torch import nn

torch.manual_seed(0)
m = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(4, 6, 3, padding=1), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(),
                  nn.Linear(6 * 7 * 7, 16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 10))
m.train()
for _ in range(3):  # running statistics away from 0 and 1
    m(torch.randn(8, 1, 28, 28))
m.eval()
x = torch.randn(5, 1, 28, 28)
torch.onnx.export(m, x, sys.argv[1], opset_version=17, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
x.numpy().astype("<f4").tofile(sys.argv[2])
m(x).detach().numpy().astype("<f4").tofile(sys.argv[3])
