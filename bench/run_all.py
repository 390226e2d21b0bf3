"""`make bench`: run every benchmark script in turn; each writes its section of docs/benchmarks.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
SCRIPTS = ["bench_text.py", "bench_html.py", "bench_quotes.py", "bench_run.py", "bench_store.py"]

if __name__ == "__main__":
    failed = []
    for name in SCRIPTS:
        path = HERE / name
        if not path.exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.call([sys.executable, str(path), *sys.argv[1:]]) != 0:
            failed.append(name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")
