"""Carrying answers out of a kernel as plain data: the cell a runner appends to a notebook, and reading its output.

The appended cell calls :func:`legpain.checking.student.collect_answers` inside the kernel and prints the captured answers as
JSON between two markers. Only the inputs of hidden cases go in; expected values stay with the grader, which judges
the captured data in its own process (:func:`legpain.checking.scoring.judge_set`).
"""

from __future__ import annotations

import json
from typing import Mapping, Sequence

__all__ = ["BEGIN", "END", "probe_source", "parse_probe_output", "ProbeError"]

BEGIN = "<<<LEGPAIN-ANSWERS>>>"
END = "<<<END-LEGPAIN-ANSWERS>>>"


class ProbeError(ValueError):
    """The probe printed nothing readable (the kernel died, or student code broke the package)."""


def probe_source(slug: str, hidden_inputs: Mapping[str, Sequence[Sequence]] | None = None) -> str:
    inputs = {qid: [list(a) for a in args] for qid, args in (hidden_inputs or {}).items()}
    return (
        "import json as _legpain_json, sys as _legpain_sys\n"
        "from legpain.checking.student import collect_answers as _legpain_collect\n"
        f"_legpain_data = _legpain_collect({slug!r}, get_ipython().user_ns, "
        f"hidden_inputs={inputs!r})\n"
        f"_legpain_sys.stdout.write({BEGIN!r} + _legpain_json.dumps(_legpain_data) + {END!r} + '\\n')\n"
    )


def parse_probe_output(text: str) -> dict:
    start = text.rfind(BEGIN)
    stop = text.rfind(END)
    if start < 0 or stop < start:
        raise ProbeError("the answers could not be read back from the notebook's kernel")
    try:
        data = json.loads(text[start + len(BEGIN):stop])
    except json.JSONDecodeError as exc:
        raise ProbeError(f"the answers came back garbled ({exc.msg})") from None
    if not isinstance(data, dict):
        raise ProbeError("the answers came back in the wrong shape")
    return data
