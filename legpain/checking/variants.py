"""Each student's own numbers: variant questions.

A variant question has two parts, kept apart so that a class edition can ship one without the other:

* **the public part** (:class:`Public`, one per question, in ``legpain/checking/draws/setNN.py``): how the numbers
  are drawn (a function of a ``random.Random``), the range each number is stated to lie in, the text that shows
  them, the numbers of the course's own text (shown when there is no student id), and, for a single-choice question,
  the options whose order is drawn. :func:`ask` shows a student their question; nothing in it computes an answer.
* **the private part** (:func:`variant`, in the question bank ``legpain/checking/bank/setNN.py``): the key (a
  function of the numbers that computes the expected answer) and a generator of plausible wrong answers (the usual
  mistakes, computed for the same numbers) with their feedback. ``python -m legpain release`` leaves it out of the
  bank of every graded set.

The numbers are drawn from the student id (:mod:`legpain.checking.identity`) with a keyed hash: HMAC-SHA256 of the
question (or of a draw several questions share) and the id, keyed by the class's salt, seeds a ``random.Random``.
The same id always gives the same numbers, in the student's notebook and in the grader, which derives the id from
the submission it grades (:func:`for_student`).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import random
import re
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any, Callable, Mapping, Sequence

from .identity import normalise, student_id

__all__ = ["Public", "Shown", "ask", "numbers", "order", "public_spec", "rng_for", "variant", "for_student",
           "answer_kind", "is_variant", "VARIANT_KINDS"]


# ---- the public part ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Public:
    """What anyone may see of a variant question: how its numbers are drawn and how it reads.

    ``draw(rng)`` returns the numbers as a dict; ``ranges`` states, for each number, the smallest and largest value
    it may take (a test draws 1,000 ids and checks them); ``canonical`` are the numbers of the course's own text,
    shown to a student without an id (self-study). ``prompt`` is shown with the numbers filled in
    (``{name}``). ``options`` (canonical letter -> text) makes the option order of a single-choice question drawn
    per student. Questions with the same ``shared`` name get the same numbers (one draw, several questions)."""

    qid: str
    prompt: str = ""
    draw: Callable[[random.Random], dict] | None = None
    ranges: Mapping[str, tuple] = field(default_factory=dict)
    canonical: Mapping[str, Any] | None = None
    options: Mapping[str, str] | None = None
    shared: str = ""


def rng_for(name: str, sid: str, salt: str = "") -> random.Random:
    """The random generator of draw ``name`` for student ``sid``: HMAC-SHA256(salt, name, id) as its seed."""
    key = ("legpain-variants:" + str(salt)).encode("utf-8")
    msg = f"{name}\x1f{normalise(sid)}".encode("utf-8")
    return random.Random(int.from_bytes(hmac.new(key, msg, hashlib.sha256).digest(), "big"))


def _salt(salt: str | None) -> str:
    if salt is not None:
        return salt
    from . import edition

    return edition.SALT


def numbers(spec: Public, sid: str, salt: str | None = None) -> dict:
    """The numbers of ``spec`` for student ``sid`` (the course's own numbers when ``sid`` is empty)."""
    if spec.draw is None:
        return {}
    if not normalise(sid) and spec.canonical is not None:
        return dict(spec.canonical)
    return dict(spec.draw(rng_for(spec.shared or spec.qid, sid, _salt(salt))))


def order(spec: Public, sid: str, salt: str | None = None) -> list[str]:
    """The canonical letters of ``spec``'s options in the order student ``sid`` sees them (a permutation; the
    course's own order when ``sid`` is empty or the question has no drawn order)."""
    letters = list(spec.options or {})
    if not letters or not normalise(sid):
        return letters
    rng = rng_for(spec.qid + "#order", sid, _salt(salt))
    rng.shuffle(letters)
    return letters


def public_spec(qid: str) -> Public | None:
    """The public part of variant question ``qid`` (None for a question that is not one)."""
    m = re.fullmatch(r"[qc](\d+)_\d+", str(qid).strip())
    if not m:
        return None
    try:
        mod = import_module(f".draws.set{int(m.group(1)):02d}", __package__)
    except ModuleNotFoundError:
        return None
    return getattr(mod, "PUBLIC", {}).get(str(qid).strip())


def _fmt(x: Any) -> str:
    if isinstance(x, float):
        return f"{x:g}"
    return str(x)


class Shown:
    """A student's own version of a question: its numbers (``shown.enrolled`` or ``shown["enrolled"]``) and, for a
    single-choice question, its options in the student's order. Shown as the question's text."""

    def __init__(self, spec: Public, sid: str, salt: str | None = None):
        self.qid = spec.qid
        self.student = sid
        self._numbers = numbers(spec, sid, salt)
        self._order = order(spec, sid, salt)
        self._spec = spec

    def __getattr__(self, name: str):
        nums = self.__dict__.get("_numbers", {})
        if name in nums:
            return nums[name]
        raise AttributeError(f"{self.__dict__.get('qid', 'this question')} has no number called {name!r}; "
                             f"its numbers are: {', '.join(nums) or 'none'}")

    def __getitem__(self, name: str):
        return self._numbers[name]

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._numbers))

    @property
    def numbers(self) -> dict:
        return dict(self._numbers)

    def letter(self, canonical: str) -> str:
        """The letter under which this student sees the option that the course's own order calls ``canonical``."""
        letters = list(self._spec.options or {})
        return letters[self._order.index(canonical.lower())]

    def options(self) -> list[tuple[str, str]]:
        """``[(letter, text), ...]`` in this student's order."""
        letters = list(self._spec.options or {})
        return [(letters[i], self._spec.options[c]) for i, c in enumerate(self._order)]

    def _head(self) -> str:
        from .bank import label

        who = (f"drawn for student {self.student!r}" if normalise(self.student)
               else "the course's own; in a class each student gets their own")
        what = "numbers" if self._numbers else "options, in your own order"
        if self._numbers and self._order:
            what = "numbers and options"
        return f"{label(self.qid)}: your {what} ({who})"

    def _prompt_lines(self) -> list[str]:
        if not self._spec.prompt:
            return []
        return self._spec.prompt.format(**{k: _fmt(v) for k, v in self._numbers.items()}).split("\n")

    def text(self) -> str:
        lines, table = [self._head()], []
        for line in self._prompt_lines() + [""]:
            if line.startswith("|"):
                table.append([c.strip() for c in line.strip("|").split("|")])
                continue
            if table:  # a table, its columns aligned
                widths = [max(len(r[i]) for r in table if i < len(r)) for i in range(max(map(len, table)))]
                lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in table]
                table = []
            if line:
                lines.append(line)
        lines += [f"  ({letter}) {text}" for letter, text in self.options()]
        return "\n".join(lines)

    def html(self) -> str:
        body, table = "", []
        for line in self._prompt_lines() + [""]:
            if line.startswith("|"):
                table.append([c.strip() for c in line.strip("|").split("|")])
                continue
            if table:
                head, *rows = table
                body += ("<table style='margin:0.3em 0'><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in head)
                         + "</tr>" + "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>"
                                             for r in rows) + "</table>")
                table = []
            if line:
                body += f"<p style='margin:0.3em 0'>{html.escape(line)}</p>"
        if self._order:
            items = "".join(f"<li style='list-style:none'>({letter}) {html.escape(text)}</li>"
                            for letter, text in self.options())
            body += f"<ul style='margin:0.3em 0;padding-left:0.5em'>{items}</ul>"
        return (f"<div role='note' style='border-left:6px solid #0072B2;padding:0.45em 0.8em;margin:0.3em 0;"
                f"background:#0072B21f;color:inherit;border-radius:3px'><b>{html.escape(self._head())}</b>{body}</div>")

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        return self.html()

    def _ipython_display_(self) -> None:
        """Shown once by :func:`ask`; as the last line of a cell, nothing more."""
        return None


def ask(qid: str) -> Shown:
    """Show exercise ``qid`` with your own numbers (or options in your own order) and return them.

    ``q5_7 = ask("q5_7")`` prints the question; ``q5_7.low`` is then one of your numbers."""
    from ..ui.display import show_bundle

    spec = public_spec(qid)
    if spec is None:
        raise KeyError(f"{qid!r} is not a question with numbers of its own")
    shown = Shown(spec, student_id())
    show_bundle(shown.html(), shown.text())
    return shown


# ---- the private part: the key and the usual mistakes ------------------------------------------------------------

VARIANT_KINDS = ("Number", "Choice")


@dataclass
class _Private:
    kind: type
    qid: str
    public: Public
    kwargs: dict
    key: Callable[[dict], Any] | None
    mistakes: Callable[[dict], Sequence[tuple[str, Any, str]]] | None
    right: Any
    wrong: Any
    cache: dict = field(default_factory=dict)


_LETTER = re.compile(r"^(\s*\(?)([a-zA-Z])(\)?[.)]?\s*)$")


def _remap_letter(value: Any, to_shown: Mapping[str, str]) -> Any:
    if isinstance(value, str) and (m := _LETTER.match(value)) and m.group(2).lower() in to_shown:
        new = to_shown[m.group(2).lower()]
        return m.group(1) + (new.upper() if m.group(2).isupper() else new) + m.group(3)
    return value


def _build(p: _Private, sid: str, salt: str | None):
    """The concrete question of student ``sid``: a plain Number or Choice with that student's key and feedback."""
    nums = numbers(p.public, sid, salt)
    kw = dict(p.kwargs)
    kinds: list[tuple[Any, str]] = []
    if p.kind.__name__ == "Number":
        kw["answer"] = p.key(nums)
        mistakes = list(p.mistakes(nums)) if p.mistakes else []
        kw["feedback"] = {**{value: msg for _, value, msg in mistakes if msg}, **kw.get("feedback", {})}
        kinds = [(value, name) for name, value, _ in mistakes]
        right = _values(p.right, nums) if p.right is not None else _number_right(kw)
        wrong = _values(p.wrong, nums) if p.wrong is not None else [value for _, value, _ in mistakes]
        kw["right"], kw["wrong"] = right, wrong
        q = p.kind(p.qid, **kw)
        shown = None
    else:  # a single choice: the answer may come from the numbers; the option order may be drawn
        if p.key is not None:
            kw["answer"] = p.key(nums)
        if p.right is not None:
            kw["right"] = _values(p.right, nums)
        if p.wrong is not None:
            kw["wrong"] = _values(p.wrong, nums)
        canon = list(p.public.options or kw["options"])
        shown_order = order(p.public, sid, salt) if p.public.options else canon
        to_shown = {c: canon[i] for i, c in enumerate(shown_order)}
        kw["options"] = "".join(canon)
        kw["answer"] = to_shown[kw["answer"].lower()]
        kw["feedback"] = {to_shown[k.lower()]: v for k, v in (kw.get("feedback") or {}).items()}
        if kw.get("texts"):
            kw["texts"] = {to_shown[k.lower()]: v for k, v in kw["texts"].items()}
        kw["right"] = [_remap_letter(v, to_shown) for v in kw.get("right", ())]
        kw["wrong"] = [_remap_letter(v, to_shown) for v in kw.get("wrong", ())]
        q = p.kind(p.qid, **kw)
        shown = {v: k for k, v in to_shown.items()}  # the student's letter -> the course's letter
    q.variant = p
    q.student = sid
    q.numbers = nums
    q.mistake_kinds = kinds
    q.canonical_letter = shown
    return q


def _values(given, nums: dict) -> list:
    """Declared variants: a function of the numbers, or a list (written in the course's own option order)."""
    return list(given(nums)) if callable(given) else list(given)


def _number_right(kw: dict) -> list:
    key = kw["answer"]
    right = [key]
    if kw.get("decimals") is not None:
        right.append(round(key, kw["decimals"]))
    if kw.get("whole"):
        right = [int(round(key))]
    return right


def variant(kind: type, qid: str, public: Public, *, key: Callable[[dict], Any] | None = None,
            mistakes: Callable[[dict], Sequence[tuple[str, Any, str]]] | None = None,
            right=None, wrong=None, **kwargs):
    """A variant question for the bank: ``kind`` (Number or Choice) with its usual arguments, less what depends on
    the student's numbers.

    Number: ``key(numbers)`` is the exact expected value; ``mistakes(numbers)`` lists ``(kind, value, feedback)``
    for the usual wrong answers (the feedback says what the value really is, never the answer). Choice: the options
    and their order come from ``public.options`` (drawn per student); ``answer``, ``feedback``, ``texts`` and the
    ``right``/``wrong`` variants are written in the course's own order; ``key(numbers)`` gives the answer where the
    numbers decide it. ``right``/``wrong`` may also be functions of the numbers (the declared variants for a
    student's numbers); a Number's default to its key and its rounding, and to the values of its mistakes. A mistake
    whose feedback is empty is named (for the class report) but gets the question's general hint.

    Returns the question as a student without an id sees it (the course's own numbers), with ``.variant`` set:
    :func:`for_student` gives any other student's."""
    if kind.__name__ not in VARIANT_KINDS:
        raise TypeError(f"{qid}: a variant question is a Number or a Choice, not a {kind.__name__}")
    if kind.__name__ == "Number" and key is None:
        raise TypeError(f"{qid}: a variant Number needs key=")
    if public.qid != qid and not public.shared:
        raise ValueError(f"{qid}: its public part belongs to {public.qid}")
    p = _Private(kind, qid, public, kwargs, key, mistakes, right, wrong)
    return _build(p, "", None)


def is_variant(q) -> bool:
    return getattr(q, "variant", None) is not None


def for_student(q, sid: str | None = None, salt: str | None = None):
    """Question ``q`` as student ``sid`` has it (their numbers, key and feedback; their option order). ``sid`` None:
    the student of this kernel (:func:`legpain.checking.identity.student_id`). A question that is not a variant is
    returned as it is."""
    p = getattr(q, "variant", None)
    if p is None:
        return q
    if sid is None:
        sid = student_id()
    cache_key = (normalise(sid), _salt(salt))
    if cache_key not in p.cache:
        if len(p.cache) > 4096:
            p.cache.clear()
        p.cache[cache_key] = _build(p, sid, salt)
    return p.cache[cache_key]


def answer_kind(q, value: Any) -> str | None:
    """What a (plain) answer to a student's variant question ``q`` is, in the course's own terms, so that answers to
    different numbers or orders count together: ``"option (c)"`` for a choice (the course's letter), ``"right"``,
    ``"mistake: <kind>"`` or ``"another value"`` for a number. None for a question that is not a variant, or an
    answer that is not readable as one."""
    if not is_variant(q):
        return None
    if q.canonical_letter is not None:
        letter = q.option_of(value) if isinstance(value, str) else None
        return None if letter is None else f"option ({q.canonical_letter[letter]})"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    slack = 1e-9 * max(1.0, abs(float(q.answer)))
    if abs(float(value) - float(q.answer)) <= q.tol + slack:
        return "right"
    for wrong, name in q.mistake_kinds:
        if abs(float(value) - float(wrong)) <= q.tol + 1e-9 * max(1.0, abs(float(wrong))):
            return f"mistake: {name}"
    return "another value"
