"""pytest set-up for the whole course (tests/ and the notebooks nbval runs).

Kernels started by the tests inherit this environment: LEGPAIN_HEADLESS makes every demo render once with its
starting values, as no widget front end is attached. LEGPAIN_STRICT makes a lesson self-check (``check("c2_1", ...)``)
raise when it rejects the answer written in the lesson, so a lesson whose model answer fails its own check fails
its nbval run.
"""

import os

os.environ.setdefault("LEGPAIN_HEADLESS", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("LEGPAIN_STRICT", "1")
