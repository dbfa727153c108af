#!/usr/bin/env python3
"""thread-cpu.py RUNDIR: per-thread-group CPU (us/request) and context switches (per 1k requests) in window A,
from the /proc snapshots profile-run.sh takes around it, one column per launch."""
import collections, glob, os, re, sys

run = sys.argv[1]
hz = os.sysconf('SC_CLK_TCK')
summary = {}
for line in open(os.path.join(run, 'summary.txt')):
    parts = line.split()
    kv = dict(p.split('=', 1) for p in parts[1:])
    if 'reqs' in kv:
        summary[parts[0]] = kv

def load(path):
    d = {}
    for line in open(path):
        f = line.rstrip('\n').split('\t')
        if len(f) < 5 or not f[2]:
            continue
        d[f[0]] = (f[1], int(f[2]), int(f[3] or 0), int(f[4] or 0))
    return d

def group(comm):
    comm = re.sub(r'\d+$', 'N', comm)
    comm = re.sub(r'#\d+', '#N', comm)
    if comm.startswith('http-nio') and 'exec' in comm: return 'tomcat exec threads'
    if comm.startswith('http-nio'): return 'tomcat ' + comm.split('-')[-1]
    if comm.startswith('ForkJoinPool'): return 'ForkJoinPool.commonPool'
    if comm.startswith('C2_Compiler') or comm.startswith('C1_Compiler'): return 'JIT compiler'
    if comm.startswith('GC_Thread') or comm.startswith('G1'): return 'GC'
    return comm

tags = sorted(summary, key=lambda t: (t.split('-')[0] != 'baseline', t))
cols = {}
for tag in tags:
    b, a = os.path.join(run, tag + '.threads-before.tsv'), os.path.join(run, tag + '.threads-after.tsv')
    if not (os.path.exists(b) and os.path.exists(a)):
        continue
    before, after = load(b), load(a)
    reqs = float(summary[tag]['reqs'])
    g = collections.defaultdict(lambda: [0, 0, 0])
    for tid, (comm, ticks, vol, invol) in after.items():
        t0, v0, i0 = (before[tid][1], before[tid][2], before[tid][3]) if tid in before else (0, 0, 0)
        k = group(comm)
        g[k][0] += ticks - t0
        g[k][1] += vol - v0
        g[k][2] += invol - i0
    cols[tag] = (reqs, g)

groups = collections.Counter()
for reqs, g in cols.values():
    for k, v in g.items():
        groups[k] += v[0]
order = [k for k, _ in groups.most_common() if groups[k] > 0]
print('CPU us/request by thread group (window A)')
print('%-28s' % 'group' + ''.join('%16s' % t for t in cols))
for k in order:
    print('%-28s' % k + ''.join('%16.2f' % (g[k][0] / hz * 1e6 / reqs) for reqs, g in cols.values()))
print('%-28s' % 'TOTAL' + ''.join('%16.2f' % (sum(v[0] for v in g.values()) / hz * 1e6 / reqs) for reqs, g in cols.values()))
print()
print('context switches per request (voluntary + involuntary), window A')
print('%-28s' % 'group' + ''.join('%16s' % t for t in cols))
for k in order:
    print('%-28s' % k + ''.join('%16s' % ('%.3f+%.3f' % (g[k][1] / reqs, g[k][2] / reqs)) for reqs, g in cols.values()))
print('%-28s' % 'TOTAL' + ''.join('%16s' % ('%.3f+%.3f' % (sum(v[1] for v in g.values()) / reqs, sum(v[2] for v in g.values()) / reqs)) for reqs, g in cols.values()))
