"""How long a notebook's setup line takes: ``from legpain import *`` in a fresh kernel, median of N runs, and how many
of the package's modules it loads.

Run: ``python benchmarks/imports.py [--runs 5]``. Each run starts a new IPython kernel (jupyter_client), waits until
it answers, then times the setup line inside the kernel (``time.perf_counter`` around the ``exec``), so kernel start-up
is not counted. Prints the machine's load average with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys

from jupyter_client.manager import start_new_kernel

CODE = r"""
import sys, time, json
_t = time.perf_counter()
exec("from legpain import *")
_dt = time.perf_counter() - _t
print(json.dumps({"seconds": _dt, "modules": sorted(m for m in sys.modules if m.startswith("legpain"))}))
"""


def one_run() -> dict:
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        out = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        kc.execute_interactive(CODE, output_hook=hook, timeout=60)
        return json.loads("".join(out))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    runs = [one_run() for _ in range(args.runs)]
    times = [r["seconds"] for r in runs]
    modules = runs[-1]["modules"]
    print(f"load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
    print(f"from legpain import *: median {statistics.median(times) * 1000:.0f} ms over {len(times)} fresh kernels "
          f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f})")
    print(f"legpain modules loaded: {len(modules)}")
    print("  " + ", ".join(m.removeprefix("legpain.") for m in modules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
