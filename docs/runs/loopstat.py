"""Counts the instructions of a C2-compiled kernel's inner loop (the backward branch enclosing the most
vfmadd), to see how many macro-ops the JIT spends per FMA. Works without a loadable hsdis: HotSpot
then prints the code as hex, which objdump disassembles.

  JGRAD_CDS=off JGRAD_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions \
      -XX:CompileCommand=print,io.jgrad.backend.cpu.VectorSgemm::packedKernel" \
      ./jgrad bench gemm --sizes 1024 --repeats 3 > /tmp/asm.txt 2>&1
  python3 docs/runs/loopstat.py /tmp/asm.txt "VectorSgemm::packedKernel " [x: also list the loop]

Reads the last non-OSR C2 compile of the method. "spills/rsp" counts stack accesses in the loop.
"""
import re,sys,subprocess
txt=open(sys.argv[1]).read().split('\n')
meth=sys.argv[2]
starts=[i for i,l in enumerate(txt) if l.startswith('Compiled method (c2)') and meth in l and ' % ' not in l]
if not starts: print(meth,'no c2'); sys.exit()
st=starts[-1]
out=bytearray(); base=None; inmc=False
for l in txt[st:]:
    if l.startswith('[MachCode]'): inmc=True; continue
    if inmc and l.startswith('[/MachCode]'): break
    m=re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,4}\s*\|?\s*)+)$', l)
    if inmc and m:
        if base is None: base=int(m.group(1),16)
        out+=bytes.fromhex(m.group(2).replace('|','').replace(' ',''))
open('/tmp/code.bin','wb').write(out)
d=subprocess.run(['objdump','-D','-b','binary','-mi386:x86-64','-M','intel','--adjust-vma=%d'%base,'/tmp/code.bin'],capture_output=True,text=True).stdout
ins=[]
for l in d.split('\n'):
    m=re.match(r'\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*\t(.*)',l)
    if m: ins.append((int(m.group(1),16),m.group(2).strip()))
best=None
for idx,(a,t) in enumerate(ins):
    m=re.match(r'j\w+\s+0x([0-9a-f]+)',t)
    if m:
        tgt=int(m.group(1),16)
        if tgt<a:
            body=[x for x in ins if tgt<=x[0]<=a]
            f=sum('vfmadd' in x[1] for x in body)
            if f and (best is None or f>best[0] or (f==best[0] and len(body)<len(best[1]))): best=(f,body)
if not best: print(meth,'no loop'); sys.exit()
f,body=best
n=len(body)
fused=sum(1 for i,x in enumerate(body) if x[1].startswith('j') and i>0 and (body[i-1][1].startswith('cmp') or body[i-1][1].startswith('test')))
spill=sum(1 for x in body if 'rsp' in x[1])
print(f"{meth}: fma {f} instr {n} macro-ops~{n-fused} spills/rsp {spill} per-fma {(n-fused)/f:.2f}")
if len(sys.argv)>3: print('\n'.join(x[1] for x in body))
