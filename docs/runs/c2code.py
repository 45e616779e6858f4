"""Reads C2-compiled methods out of a -XX:CompileCommand=print log (HotSpot prints the machine code as
hex when no hsdis is loadable) and disassembles them with objdump. Shared by loopstat.py and loopaudit.py."""
import re
import subprocess
import tempfile

_HEX = re.compile(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{2,4}\s*\|?\s*)+)$')
_INS = re.compile(r'\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*\t(.*)')
_BRANCH = re.compile(r'j\w+\s+0x([0-9a-f]+)')


def compiles(log_lines):
    """(header line, [(address, instruction)]) for each non-OSR C2 compile in the log, in order."""
    i = 0
    while i < len(log_lines):
        head = log_lines[i]
        i += 1
        if not head.startswith('Compiled method (c2)') or ' % ' in head:
            continue
        code, base, in_code = bytearray(), None, False
        while i < len(log_lines):
            line = log_lines[i]
            i += 1
            if line.startswith('[MachCode]'):
                in_code = True
            elif in_code and line.startswith('[/MachCode]'):
                break
            elif in_code:
                m = _HEX.match(line)
                if m:
                    base = int(m.group(1), 16) if base is None else base
                    code += bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
        if base is not None:
            yield head, disassemble(code, base)


def disassemble(code, base):
    with tempfile.NamedTemporaryFile(suffix='.bin') as f:
        f.write(code)
        f.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-M', 'intel',
                              '--adjust-vma=%d' % base, f.name], capture_output=True, text=True).stdout
    ins = []
    for line in out.split('\n'):
        m = _INS.match(line)
        if m:
            ins.append((int(m.group(1), 16), m.group(2).strip()))
    return ins


def loops(ins):
    """Each backward branch's loop body, [(address, instruction)] from its target to the branch."""
    for a, t in ins:
        m = _BRANCH.match(t)
        if m and int(m.group(1), 16) < a:
            target = int(m.group(1), 16)
            yield [x for x in ins if target <= x[0] <= a]


def macro_ops(body):
    """Instructions, counting a compare or test and the branch after it as one (macro-fusion)."""
    fused = sum(1 for i, x in enumerate(body) if x[1].startswith('j') and i > 0
                and (body[i - 1][1].startswith('cmp') or body[i - 1][1].startswith('test')))
    return len(body) - fused
