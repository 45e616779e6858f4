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
import re,sys,subprocess
txt=open(sys.argv[1]).read().split('\n')
res={}
i=0
while i < len(txt):
    l=txt[i]
    if l.startswith('Compiled method (c2)') and ' % ' not in l:
        m=re.search(r'(\S+::\S+) \(',l); meth=m.group(1) if m else l
        out=bytearray(); base=None; inmc=False
        j=i+1
        while j < len(txt):
            t=txt[j]
            if t.startswith('[MachCode]'): inmc=True; j+=1; continue
            if inmc and t.startswith('[/MachCode]'): break
            mm=re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,4}\s*\|?\s*)+)$', t)
            if inmc and mm:
                if base is None: base=int(mm.group(1),16)
                out+=bytes.fromhex(mm.group(2).replace('|','').replace(' ',''))
            j+=1
        i=j
        if base is None: continue
        open('/tmp/code.bin','wb').write(out)
        d=subprocess.run(['objdump','-D','-b','binary','-mi386:x86-64','-M','intel','--adjust-vma=%d'%base,'/tmp/code.bin'],capture_output=True,text=True).stdout
        ins=[]
        for q in d.split('\n'):
            mm=re.match(r'\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*\t(.*)',q)
            if mm: ins.append((int(mm.group(1),16),mm.group(2).strip()))
        loops=[]
        for a,t in ins:
            mm=re.match(r'j\w+\s+0x([0-9a-f]+)',t)
            if mm:
                tgt=int(mm.group(1),16)
                if tgt<a:
                    body=[x for x in ins if tgt<=x[0]<=a]
                    v=sum(1 for x in body if re.search(r'ymm|zmm|xmm',x[1]))
                    if v: loops.append((len(body),v,sum('vfmadd' in x[1] for x in body),sum(1 for x in body if 'rsp' in x[1])))
        # innermost loops: smallest that have vector ops; report the loop with most stack accesses relative
        loops.sort()
        res[meth]=loops
        continue
    i+=1
rows=[]
for meth,loops in res.items():
    cand=[l for l in loops if l[1]>=4]
    if not cand: continue
    mf=max(l[2] for l in cand)
    if mf>0:
        cand=[l for l in cand if l[2]==mf]  # the smallest loop holding the most FMAs
    n,v,f,sp=cand[0]
    rows.append((sp,meth,n,v,f))
rows.sort(reverse=True)
for sp,meth,n,v,f in rows:
    print(f"{meth:70s} loop {n:4d} instr, {v:3d} vector, {f:3d} fma, {sp:3d} stack")
