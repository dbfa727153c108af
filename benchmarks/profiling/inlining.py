#!/usr/bin/env python3
"""inlining.py A.inlining.log B.inlining.log [ROOT-SUBSTRING...]
Parses -XX:+PrintCompilation -XX:+PrintInlining output (jit-syscalls.sh) and compares two runs:
 - bytecode size of every method whose size differs (the advice-instrumented ones),
 - C2 inlining failure reasons, counted over the last C2 compile of each method,
 - for the given roots (default: the servlet/filter chain), the callsites inlined in one run but not the other.
Lines of different compiler threads can interleave; attribution of '@' lines to the preceding root is heuristic."""
import collections, re, sys

ROOT = re.compile(r'^\s*\d+\s+\d+\s+([%sbn!]*)\s*(\d)\s+(\S+::\S+) \((\d+) bytes\)(.*)$')
SITE = re.compile(r'^\s*!?\s*((?:\s{2})*)@ (\d+)\s+(\S+::\S+) \((\d+) bytes\)\s*(.*)$')
OK = ('inline (hot)', 'accessor', 'force inline by annotation', 'intrinsic', 'inline')

def parse(path):
    sizes, last = {}, {}
    cur = None
    for line in open(path, errors='replace'):
        m = ROOT.match(line)
        if m:
            flags, tier, meth, size, rest = m.groups()
            sizes[meth] = int(size)
            if 'made not entrant' in rest or 'made zombie' in rest:
                continue
            cur = None
            if tier == '4' and '%' not in flags:
                cur = []
                last[meth] = cur
            continue
        s = SITE.match(line)
        if s and cur is not None:
            indent, bci, callee, size, msg = s.groups()
            depth = len(line) - len(line.lstrip(' !'))
            cur.append((depth, int(bci), callee, int(size), msg.strip()))
            sizes.setdefault(callee, int(size))
    return sizes, last

def ok(msg):
    return msg.startswith(OK) or msg.startswith('(intrinsic)')

a_path, b_path = sys.argv[1], sys.argv[2]
roots = sys.argv[3:] or ['ApplicationFilterChain::internalDoFilter', 'ApplicationFilterChain::doFilter',
                         'OncePerRequestFilter::doFilter', 'WsFilter::doFilter', 'HttpServlet::service',
                         'FrameworkServlet::service', 'StandardWrapperValve::invoke', 'CharacterEncodingFilter::doFilterInternal',
                         'RequestContextFilter::doFilterInternal', 'FormContentFilter::doFilterInternal',
                         'JsonFactory::createGenerator', 'AbstractJackson2HttpMessageConverter::writeInternal']
A, B = parse(a_path), parse(b_path)
print('## bytecode size changes (%s -> %s)' % (a_path, b_path))
for m in sorted(set(A[0]) & set(B[0])):
    if A[0][m] != B[0][m]:
        print('  %-90s %5d -> %5d bytes' % (m, A[0][m], B[0][m]))
print()
for name, (sizes, last) in (('A', A), ('B', B)):
    reasons = collections.Counter()
    sites = 0
    for meth, tree in last.items():
        for d, bci, callee, size, msg in tree:
            sites += 1
            if not ok(msg):
                reasons[re.sub(r'\d+', 'N', msg)[:60]] += 1
    print('## %s: %d C2-compiled methods, %d callsites; not-inlined reasons:' % (name, len(last), sites))
    for r, c in reasons.most_common(12):
        print('   %6d  %s' % (c, r))
    print()
print('## per root: direct and nested callsites whose decision differs (A vs B)')
for r in roots:
    ma = [m for m in A[1] if m.endswith(r)]
    mb = [m for m in B[1] if m.endswith(r)]
    for m in sorted(set(ma) | set(mb)):
        ta = A[1].get(m, [])
        tb = B[1].get(m, [])
        da = {(c, bci): msg for _, bci, c, _, msg in ta}
        db = {(c, bci): msg for _, bci, c, _, msg in tb}
        na = sum(1 for v in da.values() if ok(v))
        nb = sum(1 for v in db.values() if ok(v))
        print('  %s: A %d/%d inlined, B %d/%d inlined' % (m, na, len(da), nb, len(db)))
        ca = collections.Counter(c for (c, _), v in da.items() if ok(v))
        cb = collections.Counter(c for (c, _), v in db.items() if ok(v))
        lost = ca - cb
        gained = cb - ca
        if lost:
            print('     inlined only in A: ' + ', '.join('%s x%d' % (k.split('.')[-1], v) for k, v in lost.most_common(12)))
        if gained:
            print('     inlined only in B: ' + ', '.join('%s x%d' % (k.split('.')[-1], v) for k, v in gained.most_common(12)))
