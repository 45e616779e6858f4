"""Writes small SVHN-format fixtures (MATLAB v5, as scipy.io.savemat writes them) for the tests.

X is 32x32x3xN uint8, y is Nx1 with labels 1-10 (10 stands for digit 0), like the real files. Each
class draws a bright 8x8 square at its own place over low noise, so a network can learn it.
Run: python3 make_fixtures.py  (writes train_32x32.mat and test_32x32.mat here)
"""
import numpy as np
import scipy.io


def make(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 8, size=(32, 32, 3, n), dtype=np.uint8)
    y = np.zeros((n, 1), dtype=np.uint8)
    for i in range(n):
        digit = i % 10
        r, c = (digit // 5) * 12 + 4, (digit % 5) * 6
        x[r:r + 8, c:c + 6, :, i] += 200
        y[i, 0] = 10 if digit == 0 else digit
    return x, y


for name, n, seed in (("train_32x32.mat", 200, 1), ("test_32x32.mat", 100, 2)):
    x, y = make(n, seed)
    scipy.io.savemat(name, {"X": x, "y": y}, do_compression=True)
    print("wrote", name, x.shape, y.shape)
