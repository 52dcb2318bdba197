"""Golden data for RegNetGoldenTest: numpy's own float64 arithmetic and round-half-even, restated
from reference/regnet-algorithms.md sections b and c (not pycls code). Re-run with
`python3 make_regnet_golden.py > regnet_golden.tsv` (numpy 2.x); the seed fixes the cases."""
import math
import numpy as np

def generate(wa, w0, wm, d, q=8):
    ws_cont = np.arange(d) * wa + w0
    ks = np.round(np.log(ws_cont / w0) / np.log(wm))
    ws_all = w0 * np.power(wm, ks)
    ws_all = (np.round(np.divide(ws_all, q)) * q).astype(int)
    ws, ds = np.unique(ws_all, return_counts=True)
    return [int(w) for w in ws], [int(x) for x in ds], len(ws), int(ks.max() + 1), [int(w) for w in ws_all]

def adjust(ws, bms, gs):
    vs = [int(max(1, w * b)) for w, b in zip(ws, bms)]
    gs = [int(min(g, v)) for g, v in zip(gs, vs)]
    ms = [np.lcm(g, int(b)) if b > 1 else g for g, b in zip(gs, bms)]
    vs = [max(m, int(round(v / m) * m)) for v, m in zip(vs, ms)]
    ws = [int(v / b) for v, b in zip(vs, bms)]
    return ws, gs

def complexity(ds, ws, bms, gs, se_r, size=224, stem_w=32, classes=1000):
    h = size; f = p = a = 0
    def conv(cin, cout, k, s, g=1, bias=False):
        nonlocal h, f, p, a
        h = (h - 1) // s + 1
        f += k * k * cin * cout * h * h // g + (cout * h * h if bias else 0)
        p += k * k * cin * cout // g + (cout if bias else 0)
        a += cout * h * h
    def bn(c):
        nonlocal p
        p += 2 * c
    conv(3, stem_w, 3, 2); bn(stem_w)
    w_in = stem_w
    for d, w, bm, g in zip(ds, ws, bms, gs):
        for j in range(d):
            s = 2 if j == 0 else 1
            if w_in != w or s != 1:
                h0 = h; conv(w_in, w, 1, s); bn(w); h = h0
            wb = int(round(w * bm)); wse = int(round(w_in * se_r))
            conv(w_in, wb, 1, 1); bn(wb)
            conv(wb, wb, 3, s, wb // g); bn(wb)
            if wse:
                h0 = h; h = 1; conv(wb, wse, 1, 1, bias=True); conv(wse, wb, 1, 1, bias=True); h = h0
            conv(wb, w, 1, 1); bn(w)
            w_in = w
    h = 1
    f += w_in * classes + classes; p += w_in * classes + classes; a += classes
    return f, p, a

rng = np.random.default_rng(20260101)
print("\t".join(["depth", "w0", "wa", "wm", "group_w", "b", "se_r", "block_widths", "num_stages",
                 "total_stages", "stage_depths", "stage_widths", "adj_widths", "adj_group_ws",
                 "flops", "params", "acts"]))
for i in range(3000):
    d = int(rng.integers(1, 65))
    w0 = int(rng.integers(1, 33)) * 8
    wa = round(float(rng.uniform(0, 256)), 1) if i % 10 else round(float(rng.uniform(0, 8)), 2)
    wm = round(float(rng.uniform(1.05, 3.5)), 3)
    g = int(rng.choice([1, 2, 3, 4, 8, 16, 24, 32, 40, 48, 56, 64, 112, 128]))
    b = float(rng.choice([1.0, 1.0, 2.0, 4.0, 0.5, 0.25]))  # the paper's b; pycls bot_mul = 1 / b
    se_r = 0.25 if i % 2 else 0.0
    ws, ds, ns, ts, ws_all = generate(wa, w0, wm, d)
    bms = [1.0 / b] * len(ws)
    adj_ws, adj_gs = adjust(ws, bms, [g] * len(ws))
    f, p, a = complexity(ds, adj_ws, bms, adj_gs, se_r)
    j = lambda xs: ",".join(str(x) for x in xs)
    print("\t".join(str(x) for x in [d, w0, wa, wm, g, b, se_r, j(ws_all), ns, ts, j(ds), j(ws),
                                     j(adj_ws), j(adj_gs), f, p, a]))
