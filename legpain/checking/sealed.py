"""A question of a graded exercise set, as a class edition holds it: it knows the form of its answer, never the
answer.

``python -m legpain release`` writes the bank of every graded set as :class:`Sealed` questions (see
:mod:`legpain.authoring.release`): kind, points, options, the form an answer must have and the sections to read —
no expected answer, no accepted or wrong variants, no feedback written for a particular answer, no model solution,
no expected value of any case. ``check()`` then tells a student that the answer was recorded, whether it has the
form the question asks for, and where to read again; it never says right or wrong. The answer is captured exactly
as the full question captures it (a function is run on the same inputs), so the grader, which judges outside the
sandbox with the instructor's full bank, reads it as it reads any other.
"""

from __future__ import annotations

import math
import re
from typing import Any, Mapping, Sequence

from .answers import describe, is_unanswered
from .questions import Question, Result, norm_text, run_cases

__all__ = ["Sealed", "GRADED_NOTE"]

GRADED_NOTE = ("This exercise set is graded: your answer is judged when your instructor grades the set, and the "
               "feedback page comes back to you then.")


class Sealed(Question):
    """A graded question without its key. ``kind``: number, choice, multichoice, match, function or text."""

    def __init__(self, qid: str, *, kind: str, points: float = 1, var: str = "", topic: str = "",
                 section: str = "", options: str = "", texts: Mapping[str, Sequence[str]] | None = None,
                 whole: bool = False, decimals: int | None = None, noun: str = "", unit: str = "",
                 items: Sequence[str] = (), key_aliases: Mapping[str, Sequence[str]] | None = None,
                 name: str = "", inputs: Sequence[tuple] = (), hidden: bool = False, min_words: int = 5,
                 parts: bool = False):
        super().__init__(qid, points=points, topic=topic, var=name or var, aliases=key_aliases)
        self.kind = kind
        self.section = section
        self.options = options
        self.texts = {k: tuple(v) for k, v in (texts or {}).items()}
        self._by_text = {norm_text(w): k for k, ws in self.texts.items() for w in ws}
        self.whole = whole
        self.decimals = decimals
        self.noun = noun
        self.unit = unit
        self.items = tuple(items)
        self.name = name
        self.inputs = [tuple(a) for a in inputs]
        self.hidden = hidden
        self.min_words = min_words
        self.parts = parts
        self.manual = kind == "text"

    # -- the same capture as the full question ------------------------------------------------------------------
    def capture(self, answer: Any, extra_inputs: Sequence[tuple] = ()) -> dict:
        if self.kind != "function":
            return super().capture(answer, extra_inputs)
        if is_unanswered(answer):
            return {"state": "unanswered"}
        if not callable(answer):
            return {"state": "invalid", "message": f"expected {self.expects()}, got {describe(answer)}."}
        return run_cases(answer, self.inputs + [tuple(a) for a in extra_inputs])

    def expects(self) -> str:
        if self.kind == "number":
            what = "a whole number" if self.whole else "a number"
            what += f" of {self.noun}" if self.noun else ""
            return what + (f" (in {self.unit})" if self.unit else "")
        if self.kind == "choice":
            return f"one of the letters {self._letters()}, in quotes"
        if self.kind == "multichoice":
            return "a list of letters in quotes, like ['a', 'c']"
        if self.kind == "match":
            return "a dictionary with one entry for each of " + ", ".join(repr(k) for k in self.items)
        if self.kind == "function":
            return f"a function named {self.name}"
        return "your answer as text in quotes"

    def _letters(self) -> str:
        opts = [repr(o) for o in self.options]
        return ", ".join(opts[:-1]) + " or " + opts[-1] if len(opts) > 1 else "".join(opts)

    def _option_of(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        n = norm_text(value)
        if isinstance(n, str) and (m := re.fullmatch(r"(?:option|answer) \(?([a-z])\)?", n)):
            n = m[1]
        n2 = re.sub(r"^(the|a|an) ", "", n) if isinstance(n, str) else n
        for cand in (n, n2):
            if cand in self._by_text:
                return self._by_text[cand]
        return n if isinstance(n, str) and len(n) == 1 and n in self.options else None

    # -- what can be said without the key -------------------------------------------------------------------------
    def judge(self, captured: Mapping, hidden_cases=()) -> Result:
        state = captured.get("state")
        if state == "unanswered":
            return self._res("unanswered", "Not answered yet: replace the ... with your answer, then run the cell.")
        if state == "invalid":
            return self._res("invalid", "Not recorded: " + str(captured.get("message", "the answer could not be read")))
        if state != "answered":
            return self._res("invalid", "Not recorded: the answer could not be read.")
        if self.kind == "function":
            return self._judge_function(captured.get("outputs") or [])
        value = captured.get("value")
        if value is None:
            return self._res("unanswered", f"Not answered yet: the answer is None. Replace it with {self.expects()}.")
        problem, shown = getattr(self, f"_form_{self.kind}")(value)
        if problem:
            return self._res("invalid", f"Not recorded: expected {self.expects()}; {problem}")
        return self._res("recorded", f"Recorded: {shown}. It has the form this question asks for.")

    def _res(self, status: str, message: str) -> Result:
        details = []
        if status == "recorded" or status == "invalid":
            details.append(GRADED_NOTE if self.kind != "text" else "Graded by hand by your instructor.")
        if self.section and status != "unanswered":
            details.append(f"To check your reasoning, read again: {self.section}.")
        res = Result(self.qid, self.points, status, message, details, manual=self.manual)
        res.sealed = True  # shown as "judged when graded", never as points (checking.feedback)
        return res

    def _form_number(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            extra = " Remove the quotes so that Python sees a number." if isinstance(value, str) and \
                _as_number(value) is not None else ""
            return f"got {describe(value)}.{extra}", ""
        if isinstance(value, float) and not math.isfinite(value):
            return f"got {describe(value)}.", ""
        if self.whole and abs(value - round(value)) > 1e-9 * max(1.0, abs(value)):
            return f"got {describe(value)}, which is not whole.", ""
        note = ""
        if self.decimals is not None:
            note = f" (the question asks for {_places(self.decimals)})"
        return "", f"{value!r}{note}"

    def _form_choice(self, value):
        letter = self._option_of(value)
        if letter is None:
            tip = " Write the letter of your choice in quotes, like 'a'." if not isinstance(value, str) else ""
            return f"got {describe(value)}.{tip}", ""
        return "", f"{value!r}, one of the options"

    def _form_multichoice(self, value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"got {describe(value)}.", ""
        picks = [p.strip() for v in value for p in re.split(r"[,;]", v) if p.strip()]
        letters, unknown = [], []
        for p in picks:
            words = p.split()
            cands = words if len(words) > 1 and all(self._option_of(w) for w in words) else [p]
            for c in cands:
                (letters if self._option_of(c) else unknown).append(self._option_of(c) or c)
        if unknown:
            return f"{', '.join(map(repr, unknown))} is not one of the options {self._letters()}.", ""
        if not letters:
            return "the list is empty.", ""
        return "", f"{len(set(letters))} of the options"

    def _form_match(self, value):
        if not isinstance(value, dict):
            return f"got {describe(value)}.", ""
        given = {self.norm(str(k).replace("_", " ")): k for k in value}
        wanted = {self.norm(k.replace("_", " ")): k for k in self.items}
        missing = [k for n, k in wanted.items() if n not in given]
        extra = [k for n, k in given.items() if n not in wanted]
        empty = [k for k in value if value[k] is None or (isinstance(value[k], str) and not value[k].strip())]
        if missing:
            return "no entry yet for " + ", ".join(map(repr, missing)) + ".", ""
        if extra:
            return "entries that are not asked for: " + ", ".join(map(repr, extra)) + ".", ""
        if empty and self.items:
            return "an empty entry for " + ", ".join(map(repr, empty)) + ".", ""
        return "", f"an entry for each of the {len(self.items)} items"

    def _form_text(self, value):
        if not isinstance(value, str):
            return f"got {describe(value)}.", ""
        words = len(value.split())
        if words < self.min_words:
            return f"your text has {words} word{'s' if words != 1 else ''}; write at least {self.min_words}.", ""
        return "", f"your text ({words} words), for your instructor to grade by hand"

    def _judge_function(self, outputs) -> Result:
        n = len(self.inputs)
        ran = [o for o in outputs[:n] if isinstance(o, dict)]
        failed = [(args, o) for args, o in zip(self.inputs, ran) if not o.get("ok")]
        nothing = [args for args, o in zip(self.inputs, ran) if o.get("ok") and o.get("value") is None]
        if len(ran) < n or failed:
            first = failed[0] if failed else (self.inputs[len(ran)] if len(ran) < n else (), {})
            args, o = first
            call = f"{self.name}({', '.join(repr(a) for a in args)})"
            return self._res("invalid", f"Not recorded: {call} did not finish: {o.get('text', 'it was not run')}. "
                                        "Your function must run on every example of the exercise.")
        msg = (f"Recorded: {self.name} runs on all {n} example inputs of the exercise." if n else
               f"Recorded: {self.name}.")
        if nothing:
            msg += " It returned None on one of them: did you forget to return the result?"
        if self.hidden:
            msg += " More inputs, hidden from you, run when your work is graded."
        return self._res("recorded", msg)


def _as_number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


def _places(decimals: int) -> str:
    return {0: "a whole number", 1: "one decimal", 2: "two decimals"}.get(decimals, f"{decimals} decimals")
