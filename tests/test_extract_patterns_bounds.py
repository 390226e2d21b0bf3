"""Every module-level regex of newsmill on strings that make nested repeats backtrack exponentially.

A pattern like ``(?:\\d[\\d\\s]*\\s*)+$`` takes minutes on 10 repeats of "1 " before a non-matching
character (htmlprune's first price test did). The strings here are short (<= 300 chars), so any
linear or quadratic pattern finishes in microseconds; only exponential backtracking is slow. The
patterns run in a subprocess with a time limit, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys

_SCRIPT = r"""
import importlib, pkgutil, re, time
import newsmill

def patterns():
    for info in pkgutil.walk_packages(newsmill.__path__, "newsmill."):
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # optional extras (ray, serve) may be missing
            continue
        stack = [(k, v) for k, v in vars(mod).items()]
        while stack:
            name, value = stack.pop()
            if isinstance(value, re.Pattern):
                yield f"{info.name}.{name}", value
            elif isinstance(value, (tuple, list)) and len(value) < 200:
                stack.extend((f"{name}[{i}]", v) for i, v in enumerate(value))

units = ["1 ", "1.", "1,", "1-", "a ", "A", ". ", "Aa ", "a.", "$1 ", "1 - ", "é ", "Ann ", "(", '"', "'", "@", "ab"]
probes = [u * 40 + end for u in units for end in ("x", "!", "1", "")]
count, slow = 0, []
for name, pattern in patterns():
    count += 1
    print("testing", name, flush=True)  # the last one printed is the culprit if this hangs
    t0 = time.perf_counter()
    for s in probes:
        s = s.encode() if isinstance(pattern.pattern, bytes) else s
        pattern.search(s)
        pattern.match(s)
    if time.perf_counter() - t0 > 0.5:
        slow.append(name)
print("done", count, "SLOW:" + ",".join(slow))
"""


def test_extract_patterns_no_exponential_backtracking() -> None:
    try:
        out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        lines = (exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or "").splitlines()
        raise AssertionError(f"a pattern did not finish in 60 s: {lines[-1] if lines else '?'}") from None
    assert out.returncode == 0, out.stderr[-2000:]
    _, count, slow = out.stdout.splitlines()[-1].split()
    assert int(count) > 100  # the walk found the patterns
    assert slow == "SLOW:", f"patterns slow on short adversarial strings: {slow[5:]}"
