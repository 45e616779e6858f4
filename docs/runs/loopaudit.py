"""Audits every C2-compiled method of a -XX:CompileCommand=print log: for each, the smallest loop holding
the most FMAs (or, without FMAs, the smallest loop with at least four vector instructions), with its
instruction count and its stack accesses, worst first. A loop whose locals went to the stack shows up
at the top (session 26 found VectorSgemm.dots2x4 this way: C2 had unrolled it four times and spilled).
Like loopstat.py it needs no hsdis: HotSpot prints the code as hex, which objdump disassembles.

  JGRAD_CDS=off JGRAD_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,io.jgrad.backend.cpu.*::*" \
      ./jgrad bench step --repeats 30 > /tmp/asm.txt 2>&1
  python3 docs/runs/loopaudit.py /tmp/asm.txt

Then `python3 docs/runs/loopstat.py /tmp/asm.txt "Class::method " x` lists one loop.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from c2code import compiles, loops  # noqa: E402

latest = {}
for head, ins in compiles(open(sys.argv[1]).read().split('\n')):
    m = re.search(r'(\S+::\S+) \(', head)
    latest[m.group(1) if m else head] = ins  # the method's last compile wins
rows = []
for meth, ins in latest.items():
    found = []
    for body in loops(ins):
        vector = sum(1 for x in body if re.search(r'ymm|zmm|xmm', x[1]))
        if vector >= 4:
            found.append((len(body), vector, sum('vfmadd' in x[1] for x in body),
                          sum(1 for x in body if 'rsp' in x[1])))
    if not found:
        continue
    found.sort()
    most_fma = max(f[2] for f in found)
    if most_fma > 0:
        found = [f for f in found if f[2] == most_fma]  # the smallest loop holding the most FMAs
    n, v, f, sp = found[0]
    rows.append((sp, meth, n, v, f))
rows.sort(reverse=True)
for sp, meth, n, v, f in rows:
    print(f"{meth:70s} loop {n:4d} instr, {v:3d} vector, {f:3d} fma, {sp:3d} stack")
