"""Counts the instructions of a C2-compiled kernel's inner loop (the backward branch enclosing the most
vfmadd), to see how many macro-ops the JIT spends per FMA. Works without a loadable hsdis: HotSpot
then prints the code as hex, which objdump disassembles.

  JGRAD_CDS=off JGRAD_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions \
      -XX:CompileCommand=print,io.jgrad.backend.cpu.VectorSgemm::packedKernel" \
      ./jgrad bench gemm --sizes 1024 --repeats 3 > /tmp/asm.txt 2>&1
  python3 docs/runs/loopstat.py /tmp/asm.txt "VectorSgemm::packedKernel " [x: also list the loop]

Reads the last non-OSR C2 compile of the method. "spills/rsp" counts stack accesses in the loop.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c2code import compiles, loops, macro_ops  # noqa: E402

meth = sys.argv[2]
found = [ins for head, ins in compiles(open(sys.argv[1]).read().split('\n')) if meth in head]
if not found:
    print(meth, 'no c2')
    sys.exit()
best = None
for body in loops(found[-1]):
    f = sum('vfmadd' in x[1] for x in body)
    if f and (best is None or f > best[0] or (f == best[0] and len(body) < len(best[1]))):
        best = (f, body)
if not best:
    print(meth, 'no loop')
    sys.exit()
f, body = best
ops = macro_ops(body)
spill = sum(1 for x in body if 'rsp' in x[1])
print(f"{meth}: fma {f} instr {len(body)} macro-ops~{ops} spills/rsp {spill} per-fma {ops / f:.2f}")
if len(sys.argv) > 3:
    print('\n'.join(x[1] for x in body))
