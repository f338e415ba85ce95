"""pytest set-up for the whole course (tests/ and the notebooks nbval runs).

Kernels started by the tests inherit this environment: LEGPAIN_HEADLESS makes every demo render once with its
starting values, as no widget front end is attached.
"""

import os

os.environ.setdefault("LEGPAIN_HEADLESS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
