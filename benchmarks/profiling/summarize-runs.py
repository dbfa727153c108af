#!/usr/bin/env python3
"""summarize-runs.py RUNDIR... : window-A results of profile-run.sh, each config paired with the baseline of the same
round (the closest baseline launch in the same run), then medians per config: throughput ratio, CPU us/request delta,
allocation (jstat: young GCs x eden + eden delta) per request. Windows where other processes used > 1 CPU-second
(other_cpu_s) are dropped; EXCLUDE=run/tag,... drops more by hand."""
import collections, os, statistics, sys

exclude = set(filter(None, os.environ.get('EXCLUDE', '').split(',')))
rows = collections.defaultdict(list)
for run in sys.argv[1:]:
    order, summ = [], {}
    for line in open(os.path.join(run, 'summary.txt')):
        p = line.split()
        kv = dict(x.split('=', 1) for x in p[1:])
        if 'reqs' in kv:
            summ[p[0]] = kv
            order.append(p[0])

    def alloc(tag):
        def rd(f):
            l = open(os.path.join(run, f)).read().split('\n')
            return dict(zip(l[0].split(), map(float, l[1].split())))
        b, a = rd(tag + '.jstat-before.txt'), rd(tag + '.jstat-after.txt')
        return ((a['YGC'] - b['YGC']) * (a['EC'] + b['EC']) / 2 + a['EU'] - b['EU']) * 1024 / float(summ[tag]['reqs'])

    def ok(tag):
        kv = summ[tag]
        return (os.path.basename(run) + '/' + tag) not in exclude and float(kv.get('other_cpu_s', 0)) < 1.0

    bases = [i for i, t in enumerate(order) if t.startswith('baseline') and ok(t)]
    for i, tag in enumerate(order):
        if not ok(tag) or not bases:
            continue
        cfg = tag.rsplit('-', 1)[0]
        j = min(bases, key=lambda b: (abs(b - i), b > i))  # nearest baseline, earlier one on ties
        b = order[j]
        rows[cfg].append((float(summ[tag]['rps']) / float(summ[b]['rps']),
                          float(summ[tag]['us_per_req']) - float(summ[b]['us_per_req']),
                          float(summ[tag]['us_per_req']), alloc(tag), os.path.basename(run) + '/' + tag))
print('%-15s %3s %14s %18s %14s %14s' % ('config', 'n', 'req/s ratio', 'CPU us/req delta', 'CPU us/req', 'alloc B/req'))
for cfg in ['baseline', 'warden-min', 'warden-nomask', 'warden-norl', 'warden']:
    r = rows.get(cfg)
    if not r:
        continue
    med = lambda k: statistics.median(x[k] for x in r)
    rng = lambda k: '%.3f-%.3f' % (min(x[k] for x in r), max(x[k] for x in r))
    print('%-15s %3d %6.3f (%s) %+6.2f (%+.1f..%+.1f) %8.2f %12.0f' % (cfg, len(r), med(0), rng(0), med(1),
          min(x[1] for x in r), max(x[1] for x in r), med(2), med(3)))
if os.environ.get('VERBOSE'):
    for cfg, r in rows.items():
        for x in r:
            print('  %-30s ratio %.3f  dCPU %+.2f  CPU %.2f  alloc %.0f' % (x[4], x[0], x[1], x[2], x[3]))
