"""Question kinds: how an answer is captured as plain data and judged, with feedback that teaches.

Every question works in two steps, so that a student's ``check()`` and the instructor's grader share one code path:

1. ``capture(answer, extra_inputs)`` runs where the answer lives (the student's kernel). It turns the answer into
   plain data; for a function it calls the function on the case inputs (with a time limit per call) and keeps the
   outputs as plain data.
2. ``judge(captured, hidden_cases)`` runs where the expected values live (the checker or the grader). It compares and
   writes a message that says what is wrong and where to look again, never what the expected answer is.

Used by: :mod:`legpain.checking.student` (students) and :mod:`legpain.grading` (instructors).
"""

from __future__ import annotations

import copy
import math
import signal
import threading
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping, NamedTuple, Sequence

from .answers import NotPlainData, describe, is_unanswered, to_plain

__all__ = [
    "Verdict",
    "Status",
    "Case",
    "Result",
    "Question",
    "Number",
    "Choice",
    "Prediction",
    "MultiChoice",
    "Match",
    "Function",
    "Text",
    "CALL_TIMEOUT",
    "norm_text",
    "places",
]

CALL_TIMEOUT = 2.0  # seconds a student's function may take on one case


@dataclass(frozen=True)
class Case:
    """One test of a function answer: the arguments, the expected return value, and a hint for a wrong output."""

    args: tuple
    expected: Any
    hint: str = ""


#: what a judgement can be (see :class:`Result`)
Status = Literal["correct", "partial", "incorrect", "unanswered", "invalid", "error", "recorded"]


class Verdict(NamedTuple):
    """What :meth:`Question.compare` finds for one answer: the share of the points, the status, the message the
    student reads and any details. A tuple, so ``fraction, status, message, details = q.compare(v)`` still reads."""

    fraction: float
    status: Status
    message: str
    details: list[str]

    @classmethod
    def correct(cls, message: str = "Correct.") -> "Verdict":
        return cls(1.0, "correct", message, [])

    @classmethod
    def incorrect(cls, message: str) -> "Verdict":
        return cls(0.0, "incorrect", message, [])

    @classmethod
    def invalid(cls, message: str) -> "Verdict":
        """An answer of another kind than the question asks for: not judged, 0 points."""
        return cls(0.0, "invalid", message, [])

    @classmethod
    def unanswered(cls, message: str) -> "Verdict":
        return cls(0.0, "unanswered", message, [])


@dataclass
class Result:
    """The judgement of one answer.

    ``status`` is one of: correct, partial, incorrect, unanswered, invalid (an answer of the wrong kind),
    error (a function that raised or timed out on every case), recorded (free text kept for manual grading).
    ``public_score`` counts the checks a student can see; ``score`` also counts hidden checks when they were run.
    """

    qid: str
    points: float
    status: Status
    message: str
    details: list[str] = field(default_factory=list)
    public_score: float = 0.0
    score: float = 0.0
    public_passed: int = 0
    public_total: int = 0
    hidden_passed: int = 0
    hidden_total: int = 0
    hidden_pending: bool = False
    manual: bool = False

    @property
    def passed(self) -> bool:
        return self.status == "correct"

    def as_row(self) -> dict:
        return {
            "question": self.qid,
            "points": round(self.score, 4),
            "max_points": self.points,
            "status": self.status,
            "message": self.message,
        }


class Question:
    """Base class. ``qid`` is the stable question id (``q2_1``); ``points`` what it is worth."""

    kind = "value"
    manual = False

    def __init__(self, qid: str, *, points: float = 1, topic: str = "", hint: str = "", var: str = "",
                 right: Sequence[Any] = (), wrong: Sequence[Any] = (),
                 aliases: Mapping[str, Sequence[str]] | None = None):
        self.qid = qid
        # other ways of writing an expected text: {canonical: [alias, ...]}; compared after normalisation
        self.aliases = {str(k): tuple(v) if isinstance(v, (list, tuple, set)) else (v,)
                        for k, v in (aliases or {}).items()}
        self._alias_map = {norm_text(a): norm_text(k) for k, vs in self.aliases.items() for a in vs}
        # Declared variants, run by tests/test_variants.py through check(), check_all() and the grader:
        # ``right``: answers a careful student could write that must get full marks;
        # ``wrong``: common mistakes that must not get full marks (and must not be told the answer).
        # For a Function question each variant is the source text of a function definition.
        self.right = tuple(right)
        self.wrong = tuple(wrong)
        self.points = points
        self.var = var  # the variable the exercise stub assigns; read when no check() call recorded an answer
        self.topic = topic  # e.g. "Exercise 0.1: enrolled patients" (no answer in it)
        self.hint = hint  # what to look at again, shown with any wrong answer
        self.hidden = False

    # -- step 1: in the student's kernel -------------------------------------------------------------------
    def capture(self, answer: Any, extra_inputs: Sequence[tuple] = ()) -> dict:
        if is_unanswered(answer):
            return {"state": "unanswered"}
        try:
            return {"state": "answered", "value": to_plain(answer)}
        except NotPlainData as exc:
            return {"state": "invalid", "message": f"{exc.args[0]}; expected {self.expects()}."}

    # -- step 2: in the checker --------------------------------------------------------------------------
    def judge(self, captured: Mapping, hidden_cases: Sequence[Case] = ()) -> Result:
        state = captured.get("state")
        if state == "unanswered":
            return self._result("unanswered", "Not answered yet: replace the ... with your answer, then run the cell.")
        if state == "invalid":
            return self._result("invalid", "Not checked: " + str(captured.get("message", "the answer could not be read")))
        if state != "answered" or "value" not in captured:
            return self._result("invalid", "Not checked: the answer could not be read.")
        value = captured["value"]
        if value is None:
            return self._result(
                "unanswered", "Not answered yet: the answer is None. Replace it with " + self.expects() + "."
            )
        fraction, status, message, details = self.compare(value)
        res = self._result(status, message, details)
        res.public_passed = 1 if status == "correct" else 0
        res.public_total = 1
        res.public_score = res.score = self.points * fraction
        return res

    def compare(self, value: Any) -> Verdict:  # pragma: no cover - abstract
        raise NotImplementedError

    def not_this_kind(self, value: Any, sep: str = ";", extra: str = "") -> Verdict:
        """The verdict for an answer of another kind than this question asks for."""
        return Verdict.invalid(f"Not checked: expected {self.expects()}{sep} got {describe(value)}.{extra}")

    def norm(self, value: Any) -> Any:
        """A text answer in its canonical form (see :func:`norm_text`), with this question's aliases applied."""
        n = norm_text(value)
        return self._alias_map.get(n, n) if isinstance(n, str) else n

    def expects(self) -> str:
        return "a value"

    def _result(self, status: str, message: str, details: Sequence[str] = ()) -> Result:
        details = list(details)
        if status in ("incorrect", "partial") and self.hint:
            details.append(self.hint)
        return Result(self.qid, self.points, status, message, details, manual=self.manual)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.qid} ({self.points} points)>"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _number_from_text(value: str) -> float | None:
    try:
        return float(value.strip().replace(",", ""))
    except ValueError:
        return None


# every dash and minus a keyboard, a word processor or a copy from the lessons can produce
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{_DASHES}]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
# spinal levels as people write them: "L4-5", "L4/L5", "l4 - l5" -> "l4 l5"
_LEVEL_RE = re.compile(r"\b([clts])(\d{1,2})\s*[-/]\s*([clts]?)(\d{1,2})\b")
# British and American spellings (both sides of a comparison are normalised the same way)
_IZE_RE = re.compile(r"\b(\w{3,}?)is(ation|ations|e|ed|es|ing)\b")
_WORDS = {
    "analyse": "analyze", "analysed": "analyzed", "colour": "color", "behaviour": "behavior", "favour": "favor",
    "favours": "favors", "favoured": "favored", "tumour": "tumor", "oedema": "edema", "anaemia": "anemia",
    "centre": "center", "centres": "centers", "fibre": "fiber", "fibres": "fibers", "paediatric": "pediatric",
    "orthopaedic": "orthopedic", "labelled": "labeled", "modelled": "modeled", "judgement": "judgment",
    "programme": "program", "licence": "license", "defence": "defense",
}
_LETTER_RE = re.compile(r"\(?([a-z])\s*[).:]?")
# "unsupported / unverifiable" is "unsupported/unverifiable" (labels as the demos print them)
_SLASH_RE = re.compile(r"\s*/\s*")


def norm_text(value: Any) -> Any:
    """Text in a canonical form for comparison; other values unchanged.

    Case, surrounding and repeated spaces, every kind of dash or minus (a dash counts as a space, so "knee-jerk" is
    "knee jerk"), spaces round a slash ("a / b" is "a/b"), curly quotes, a final full stop, spinal levels written
    "L4-5" or "L4/L5", British or American spelling ("randomisation"), and a bracketed letter ("(b)", "b)") are all
    made the same.
    """
    if not isinstance(value, str):
        return value
    import unicodedata

    text = unicodedata.normalize("NFKC", value).translate(_QUOTES)
    text = _DASH_RE.sub("-", text).casefold().strip().strip("\"'").strip()
    text = _LEVEL_RE.sub(lambda m: f"{m[1]}{m[2]} {m[3] or m[1]}{m[4]}", text)
    text = _SLASH_RE.sub("/", text)
    text = " ".join(text.replace("-", " ").split()).rstrip(".").strip()
    if m := _LETTER_RE.fullmatch(text):
        return m[1]
    text = _IZE_RE.sub(lambda m: f"{m[1]}iz{m[2]}", text)
    return " ".join(_WORDS.get(w, w) for w in text.split())


def _is_whole(x: float) -> bool:
    """Whole, allowing for the rounding error of floating-point sums: 192 * (1 - 179 / 192) is whole."""
    return abs(x - round(x)) <= 1e-9 * max(1.0, abs(x))


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def places(decimals: int) -> str:
    """The words for a precision: 0 -> 'a whole number', 1 -> 'one decimal', 2 -> 'two decimals'."""
    return {0: "a whole number", 1: "one decimal", 2: "two decimals", 3: "three decimals"}.get(
        decimals, f"{decimals} decimals")


def _decimals_of(x: float, most: int) -> int | None:
    """How many decimals ``x`` is written with (0 for 93.0, 1 for 93.2), if at most ``most``; else None."""
    for k in range(most + 1):
        if abs(x - round(x, k)) <= 1e-9 * max(1.0, abs(x)):
            return k
    return None


class Number(Question):
    """A numeric answer, right within ``tol`` (absolute) of ``answer``. ``whole=True`` asks for a whole number.

    ``decimals`` is the precision the question asks for ("give it to one decimal": 1; "to the nearest whole percent":
    0). ``answer`` is then the EXACT value (``100 * 179 / 192``, not 93.2) and the tolerance is half a unit of the
    last asked digit (0.05 for one decimal), so that every correct rounding of the exact value counts and the
    neighbouring values do not; a value rounded further than asked (93 for 93.2) or with its last digit rounded
    the wrong way (93.3) is told so. A tolerance stated in the prompt instead ("answers within 3 percentage points
    count") is given as ``tol``. ``tests/test_number_precision.py`` reads each prompt and checks the two agree.

    ``noun`` names what is counted ("patients"); ``feedback`` maps a common wrong value to a message that
    explains the likely slip (without saying the right value); ``low``/``high`` hint at the direction.
    """

    def __init__(
        self,
        qid: str,
        *,
        answer: float,
        points: float = 1,
        tol: float | None = None,
        decimals: int | None = None,
        whole: bool = False,
        noun: str = "",
        unit: str = "",
        feedback: Mapping[float, str] | None = None,
        low: str = "",
        high: str = "",
        hint: str = "",
        topic: str = "",
        var: str = "",
        **common,
    ):
        super().__init__(qid, points=points, topic=topic, hint=hint, var=var, **common)
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
            raise ValueError(f"{qid}: decimals must be a whole number of decimal places, not {decimals!r}")
        self.answer = answer
        self.decimals = decimals
        if tol is None:
            tol = 0.5 * 10.0 ** -decimals if decimals is not None else 0.0
        self.tol = tol
        self.whole = whole
        self.noun = noun
        self.unit = unit
        self.feedback = dict(feedback or {})
        self.low = low
        self.high = high

    def expects(self) -> str:
        what = "a whole number" if self.whole else "a number"
        if self.noun:
            what += f" of {self.noun}"
        if self.unit:
            what += f" (in {self.unit})"
        return what

    def tolerance_note(self) -> str:
        if self.whole or self.tol == 0:
            return ""
        if self.decimals is not None and math.isclose(self.tol, 0.5 * 10.0 ** -self.decimals):
            return (f"Asked for {places(self.decimals)}: answers within ±{self.tol:g} of the exact value count "
                    "as right.")
        return f"Answers within ±{self.tol:g} count as right."

    def rounding_slip(self, value: float) -> str:
        """What is wrong with a value that is right but for its rounding (empty when it is not that): rounded further
        than the question asks, or its last asked digit rounded the wrong way (cut off, or a rounded step)."""
        d = self.decimals
        if d is None:
            return ""
        exact, slack = float(self.answer), 1e-9 * max(1.0, abs(float(self.answer)))
        k = _decimals_of(value, d)
        if k is None:  # more digits than asked for: not a rounding of the answer
            return ""
        if k < d and abs(value - exact) <= 0.5 * 10.0 ** -k + slack:
            return f"Give it to {places(d)}, as the question asks: your value is rounded further than that."
        if abs(value - exact) < 10.0 ** -d + slack:
            return (f"Check the last digit: round the final result to {places(d)} (the next digit 5 or more rounds "
                    "up, less than 5 rounds down), and do not round the steps on the way.")
        return ""

    def compare(self, value):
        if isinstance(value, bool):
            return self.not_this_kind(value, ",")
        if isinstance(value, str):
            as_number = _number_from_text(value)
            if as_number is not None:
                return (
                    0.0,
                    "invalid",
                    f"Not checked: expected {self.expects()}, got {describe(value)}. "
                    "Remove the quotes so that Python sees a number.",
                    [],
                )
            return self.not_this_kind(value, ",")
        if isinstance(value, list):
            return (
                0.0,
                "invalid",
                f"Not checked: expected {self.expects()}, got {describe(value)}. Give one value, not a list.",
                [],
            )
        if not _is_number(value):
            return self.not_this_kind(value, ",")
        if isinstance(value, float) and not math.isfinite(value):
            return self.not_this_kind(value, ",")
        if self.whole and not _is_whole(float(value)):
            return (
                0.0,
                "invalid",
                f"Not checked: expected {self.expects()}, got {describe(value)}, which is not whole.",
                [],
            )
        if abs(float(value) - float(self.answer)) <= self.tol + 1e-9 * max(1.0, abs(float(self.answer))):
            return Verdict.correct(("Correct. " + self.tolerance_note()).strip())
        for wrong, msg in self.feedback.items():
            if abs(float(value) - float(wrong)) <= self.tol + 1e-9 * max(1.0, abs(float(wrong))):
                return Verdict.incorrect("Not quite. " + msg)
        if slip := self.rounding_slip(float(value)):
            return Verdict.incorrect("Not quite. " + slip)
        direction = self.low if value < self.answer else self.high
        message = "Not quite. " + (direction or "That is not the value we are looking for.")
        note = self.tolerance_note()
        return Verdict.incorrect(message + (" " + note if note else ""))


_QUOTE_TIP = "Write the letter of your choice in quotes, like 'a'."


def _no_article(text: Any) -> Any:
    """'the femoral nerve' -> 'femoral nerve' (option words are matched with or without a leading article)."""
    if isinstance(text, str):
        return re.sub(r"^(the|a|an) ", "", text)
    return text


class _Options:
    """Shared by Choice and MultiChoice: an option is named by its letter ("b", "(b)", "B", "b)") or, where the
    question declares them in ``texts``, by its own words ({"b": ["some concerns"]}); never by a part of them."""

    def _setup_options(self, options: str, texts: Mapping[str, Any] | None) -> None:
        self.options = options.lower()
        self.texts = {}
        for letter, words in (texts or {}).items():
            words = [words] if isinstance(words, str) else list(words)
            if letter.lower() not in self.options:
                raise ValueError(f"{self.qid}: option texts for {letter!r}, which is not an option")
            self.texts[letter.lower()] = tuple(words)
        self._by_text = {}
        for letter, words in self.texts.items():
            for w in words:
                n = _no_article(self.norm(w))
                if self._by_text.get(n, letter) != letter:
                    raise ValueError(f"{self.qid}: option text {w!r} names two options")
                self._by_text[n] = letter

    def letters(self) -> str:
        opts = [repr(o) for o in self.options]
        return ", ".join(opts[:-1]) + " or " + opts[-1]

    def option_of(self, value: Any) -> str | None:
        """The letter a text names, or None."""
        if not isinstance(value, str):
            return None
        n = self.norm(value)
        if isinstance(n, str) and (m := re.fullmatch(r"(?:option|answer) \(?([a-z])\)?", n)):
            n = m[1]
        if _no_article(n) in self._by_text:
            return self._by_text[_no_article(n)]
        if len(n) == 1 and n in self.options:
            return n
        return None


class Choice(_Options, Question):
    """One right option out of several, answered with its letter as text ("b") or, where declared, its words."""

    def __init__(
        self,
        qid: str,
        *,
        answer: str,
        options: str,
        points: float = 1,
        feedback: Mapping[str, str] | None = None,
        texts: Mapping[str, Any] | None = None,
        accept: str = "",
        hint: str = "",
        topic: str = "",
        var: str = "",
        **common,
    ):
        super().__init__(qid, points=points, topic=topic, hint=hint, var=var, **common)
        self.answer = answer.lower()
        self._setup_options(options, texts)
        self.feedback = {k.lower(): v for k, v in (feedback or {}).items()}
        # other options that are right too, where the lesson's own rule allows two (Exercise 9.24)
        self.accept = set(accept.lower())
        if self.answer not in self.options or not self.accept <= set(self.options):
            also = f" (or {accept!r})" if accept else ""
            raise ValueError(f"{qid}: answer {answer!r}{also} is not among the options {options!r}")

    def expects(self) -> str:
        words = " (or the option's words)" if self.texts else ""
        return f"one of the letters {self.letters()}, in quotes{words}"

    def compare(self, value):
        if not isinstance(value, str):
            extra = " " + _QUOTE_TIP if _is_number(value) or isinstance(value, bool) else ""
            return self.not_this_kind(value, extra=extra)
        letter = self.option_of(value)
        if letter is None:
            return self.not_this_kind(value)
        if letter == self.answer or letter in self.accept:
            return Verdict.correct("Correct.")
        return Verdict.incorrect("Not quite. " + self.feedback.get(letter, f"Option '{letter}' is not the best answer."))


class Prediction(Choice):
    """A prediction asked before a demo: recorded without judgement, revealed after the demo.

    ``check()`` only records the option picked ("Prediction recorded ... now run the demo"): no right or wrong, so
    that the demo, not the feedback, tells the student what happens. After the demo the lesson calls
    ``reveal("cN_M")`` (:func:`legpain.checking.student.reveal`), which shows the student's own prediction beside
    ``outcome`` (what the demo shows, in words) and only then says whether the two agree, with the option's
    ``feedback`` when they do not. ``texts`` gives each option's words, which the reveal repeats.
    """

    kind = "prediction"

    def __init__(self, qid: str, *, answer: str, options: str, outcome: str, **kw):
        super().__init__(qid, answer=answer, options=options, **kw)
        if not outcome:
            raise ValueError(f"{qid}: a prediction needs its outcome (what the demo shows)")
        self.outcome = outcome

    def words(self, letter: str) -> str:
        """The option as the lesson prints it: "(b) from 4"."""
        text = self.texts.get(letter, ())
        return f"({letter}) {text[0]}" if text else f"({letter})"

    def compare(self, value):
        fraction, status, message, details = super().compare(value)
        if status not in ("correct", "incorrect"):
            return fraction, status, message, details
        letter = self.option_of(value)
        return (0.0, "predicted", f"Prediction recorded: {self.words(letter)}. Now run the demo below and see what "
                "happens; after it, the course shows your prediction beside what the demo showed.", [])

    def outcome_of(self, value: Any) -> tuple[str | None, bool | None, str]:
        """After the demo: (the letter predicted or None, whether it agrees with the demo or None, a message)."""
        letter = self.option_of(value) if isinstance(value, str) else None
        if letter is None:
            return None, None, "No prediction was recorded above the demo."
        if letter == self.answer:
            return letter, True, "Your prediction agrees with what the demo shows."
        return letter, False, ("The demo shows something else. " + self.feedback.get(letter, "")).strip()


class MultiChoice(_Options, Question):
    """Select all that apply: a list, tuple or set of letters. Right only when exactly the right letters are picked.

    A wrong selection is told so, with the question's hint, but not how many picks are right, wrong or missing:
    counts would let a few retries find the set without reading.

    ``parts=True`` declares that each option is a part of its own, a statement to judge true or false ("Which
    statements are right?"), and gives credit per part when the work is graded: see :meth:`part_credit`. The credit
    goes into the grade (``Result.score``); what ``check()`` shows (``public_score``) stays whole-or-nothing and the
    message the same for every wrong set, for the reason above, and says that parts are credited when graded.
    """

    def __init__(
        self, qid: str, *, answer: Sequence[str], options: str, points: float = 1, hint: str = "", topic: str = "",
        var: str = "", texts: Mapping[str, Any] | None = None, parts: bool = False,
        **common,
    ):
        super().__init__(qid, points=points, topic=topic, hint=hint, var=var, **common)
        self.answer = {a.lower() for a in answer}
        self._setup_options(options, texts)
        self.parts = parts

    def picked(self, value: Any) -> set[str] | None:
        """The options a (plain) answer picks, or None when it is not a readable selection."""
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        letters = [self.option_of(p) for v in value for p in self.picks(v)]
        return None if None in letters else set(letters)

    def part_credit(self, picked: set[str]) -> float:
        """The share of the points a selection earns, each option a part: a part is judged right when its option is
        picked and true, or left out and false. The share is (parts right - parts wrong) / parts, at least 0: the
        usual correction for guessing on true/false items, so that picking every option, or a set chosen blind,
        earns nothing on average."""
        right = sum((o in picked) == (o in self.answer) for o in self.options)
        return max(0.0, (2 * right - len(self.options)) / len(self.options))

    def judge(self, captured: Mapping, hidden_cases: Sequence[Case] = ()) -> Result:
        res = super().judge(captured, hidden_cases)
        if self.parts and res.status == "incorrect":
            picked = self.picked(captured.get("value"))
            res.score = self.points * self.part_credit(picked) if picked else 0.0
        return res

    def expects(self) -> str:
        return "a list of letters in quotes, like ['a', 'c']"

    def picks(self, text: str) -> list[str]:
        """The picks one text names, the same in a bare text ("a, c, d") and in each text of a list (["a, c, d"]):
        the whole text when it names an option ("some concerns"), else its pieces between commas or semicolons, and
        a piece made of several options split at its spaces ("a c d")."""
        if self.option_of(text) is not None:
            return [text]
        out = []
        for piece in re.split(r"[,;]", text):
            piece = piece.strip()
            words = piece.split()
            if len(words) > 1 and all(self.option_of(w) is not None for w in words):
                out.extend(words)
            elif piece:
                out.append(piece)
        return out

    def compare(self, value):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            extra = " " + _QUOTE_TIP if isinstance(value, list) else ""
            return self.not_this_kind(value, extra=extra)
        value = [p for v in value for p in self.picks(v)]
        picked, unknown = set(), []
        for v in value:
            letter = self.option_of(v)
            if letter is None:
                unknown.append(v)
            else:
                picked.add(letter)
        if unknown:
            verb = "is" if len(unknown) == 1 else "are"
            return Verdict.invalid(f"Not checked: {', '.join(map(repr, unknown))} {verb} not one of the options "
                                   f"{self.letters()}.")
        if not picked:
            return Verdict.unanswered("Not answered yet: the list is empty. Put in the letters of every option that "
                                      "applies.")
        if picked == self.answer:
            return Verdict.correct("Correct.")
        message = ("Not quite: your selection is not yet the right set. Decide on each option by itself, with the "
                   "reason for it, rather than changing picks one at a time.")
        if self.parts:
            message += (" When your work is graded, each statement judged rightly earns a share of the points and "
                        "each one judged wrongly takes a share away; this check says only whether the whole set is "
                        "right.")
        return Verdict.incorrect(message)




class Match(Question):
    """Match each item to its partner: a dict. Partial credit per item. An item whose expected value is a tuple
    accepts any of its values (two neighbouring verdicts that the lesson's own rule allows for one sentence).

    Keys and text values are compared after :func:`norm_text` and the question's ``aliases``; in a key an underscore
    counts as a dash or space (``follow_up``, ``follow-up`` and ``follow up`` name one item). Two keys that name
    the same item ("L5" and "l5") make the answer ambiguous: it is not checked. ``key_aliases`` gives other names of
    an item that count in keys only (the PICO letters "P", "I", "C", "O"), so that a value is never read as a key.
    ``vocabulary`` lists the words a value may be: a value that is none of them is told so (a wording slip), not
    "look again". Entries that are not asked for cost
    their share. ``name_items=False`` (for items with only two possible values) gives the count only, so that one
    retry cannot flip exactly the wrong items.
    """

    def __init__(
        self,
        qid: str,
        *,
        answer: Mapping[str, Any],
        points: float = 1,
        hint: str = "",
        topic: str = "",
        item_hints: Mapping[str, str] | None = None,
        name_items: bool = True,
        key_aliases: Mapping[str, Sequence[str]] | None = None,
        vocabulary: Sequence[str] | None = None,
        var: str = "",
        **common,
    ):
        super().__init__(qid, points=points, topic=topic, hint=hint, var=var, **common)
        self.answer = dict(answer)
        self.item_hints = dict(item_hints or {})
        self.name_items = name_items
        # other names of an item, for keys only ({"Comparison": ["C"]}): a value written "c" stays the letter c
        self._key_alias = {norm_text(a): norm_text(k) for k, names in (key_aliases or {}).items() for a in names}
        # the words a value may be (shown when a value is none of them: a wording slip, not a wrong judgement)
        self.vocabulary = list(vocabulary or [])

    def expects(self) -> str:
        keys = ", ".join(repr(k) for k in self.answer)
        return f"a dictionary with one entry for each of {keys}"

    def key(self, key: Any) -> Any:
        """A key in its canonical form: :meth:`norm`, with an underscore read as a space (a Python name's spelling of
        a dash: ``follow_up`` is the lessons' "follow-up")."""
        n = self.norm(key.replace("_", " ") if isinstance(key, str) else key)
        return self._key_alias.get(n, n) if isinstance(n, str) else n

    def same(self, given: Any, expected: Any) -> bool:
        if isinstance(expected, tuple):  # several answers count for this item ("misreported" or "overstated")
            return any(self.same(given, e) for e in expected)
        if isinstance(given, bool) or isinstance(expected, bool):
            return type(given) is type(expected) and given == expected
        if _is_number(expected):
            return _is_number(given) and math.isfinite(given) and abs(given - expected) <= 1e-9 * max(1, abs(expected))
        if isinstance(expected, str):
            if given is None:
                given = "none"
            return isinstance(given, str) and self.norm(given) == self.norm(expected)
        return given == expected

    def compare(self, value):
        if not isinstance(value, dict):
            return self.not_this_kind(value)
        given_by_norm: dict[Any, str] = {}
        for k in value:
            nk = self.key(k)
            if nk in given_by_norm:
                return Verdict.invalid(f"Not checked: {given_by_norm[nk]!r} and {k!r} name the same item. Keep "
                                       "one entry for each item.")
            given_by_norm[nk] = k
        expected_norm = {self.key(k) for k in self.answer}
        details, right = [], 0
        for key, expected in self.answer.items():
            given_key = given_by_norm.get(self.key(key))
            if given_key is None:
                details.append(f"{key}: no entry yet.")
                continue
            if self.same(value[given_key], expected):
                right += 1
            elif self.vocabulary and not any(self.same(value[given_key], w) for w in self.vocabulary):
                words = ", ".join(repr(w) for w in self.vocabulary)
                details.append(f"{key}: {describe(value[given_key])} is not one of the words this question uses "
                               f"({words}); write one of them.")
            elif self.name_items:
                details.append(f"{key}: look again. " + self.item_hints.get(key, ""))
        extra = sorted(k for nk, k in given_by_norm.items() if nk not in expected_norm)
        if extra:
            details.append("Entries that are not asked for (they cost points): " + ", ".join(map(repr, extra)) + ".")
        n = len(self.answer)
        if right == n and not extra:
            return Verdict.correct("Correct: every item is matched.")
        status = "partial" if right else "incorrect"
        message = f"{right} of {n} matched correctly."
        if not self.name_items and right < n:
            message += " Which items need another look is not shown here: go through each one with its reason."
        return Verdict(right / (n + len(extra)), status, message, [d.strip() for d in details])


class Text(Question):
    """Free text, kept for the instructor, who grades it by hand with the rubric in the solution notebook."""

    kind = "text"
    manual = True

    def __init__(self, qid: str, *, points: float = 1, min_words: int = 5, topic: str = "", var: str = "",
                 **common):
        super().__init__(qid, points=points, topic=topic, var=var, **common)
        self.min_words = min_words

    def expects(self) -> str:
        return "your answer as text in quotes"

    def judge(self, captured, hidden_cases=()):
        res = super().judge(captured, hidden_cases)
        res.public_passed = 0
        res.public_total = 0
        return res

    def compare(self, value):
        if not isinstance(value, str):
            return self.not_this_kind(value)
        words = len(value.split())
        if words < self.min_words:
            return Verdict.unanswered(f"Not answered yet: your text has {words} word{'s' if words != 1 else ''}; "
                                      f"write at least {self.min_words}.")
        return Verdict(0.0, "recorded", f"Saved for your instructor ({words} words). This answer is graded by hand, "
                                        f"so no points show here yet ({self.points:g} possible).", [])


class _CallTimeout(BaseException):
    """Raised inside a student's function that ran past its time limit (BaseException: not caught by ``except Exception``)."""


def call_with_timeout(func: Callable, args: tuple, timeout: float = CALL_TIMEOUT) -> dict:
    """Call ``func(*args)`` and return ``{"ok": True, "value": plain}`` or ``{"ok": False, "error": text}``.

    On the main thread of a Unix process a timer interrupts a call that runs longer than ``timeout`` seconds.
    """
    import time

    args = copy.deepcopy(args)  # a function that changes its input must not change the next case
    use_alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    old_handler, outer_left, started = None, 0.0, time.monotonic()
    if use_alarm:
        def _on_alarm(signum, frame):
            raise _CallTimeout()

        # an outer timer (e.g. the grader's per-cell limit) keeps running: ours never outlasts it, and it is
        # put back afterwards with the time it had left
        outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
        old_handler = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, min(timeout, outer_left) if outer_left > 0 else timeout)
    try:
        out = func(*args)
    except _CallTimeout:
        return {"ok": False, "error": "timeout", "text": f"it ran for more than {timeout:g} seconds (an endless loop?)"}
    except NotImplementedError:
        return {"ok": False, "error": "NotImplementedError", "text": "it is not written yet"}
    except Exception as exc:  # noqa: BLE001 - any student error becomes feedback
        return {"ok": False, "error": type(exc).__name__, "text": f"it raised {type(exc).__name__}: {exc}"[:300]}
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
            if outer_left > 0:
                signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))
    try:
        return {"ok": True, "value": to_plain(out)}
    except NotPlainData as exc:
        return {"ok": False, "error": "NotPlainData", "text": f"it returned something unreadable: {exc.args[0]}"}


def _format_args(args: tuple) -> str:
    return ", ".join(repr(a) for a in args)


def _literal(value: Any, digits: int | None) -> str:
    """Plain data as Python writes it, decimals to ``digits`` significant digits (None: in full)."""
    if isinstance(value, float) and digits is not None and math.isfinite(value):
        return f"{value:.{digits}g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(v, digits) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_literal(v, digits)}" for k, v in value.items()) + "}"
    return repr(value)


def _shown(got: Any, expected: Any, limit: int = 120) -> tuple[str, str]:
    """A returned value and the expected one, in words a student can compare: a list or dictionary as Python writes
    it (decimals to 6 significant digits, in full where that would make two different values look the same; up to
    ``limit`` characters), any other value as :func:`describe` says it (a text up to 60 characters)."""
    if isinstance(expected, tuple):
        expected = list(expected)
    words = []
    digits = 6 if _literal(got, 6) != _literal(expected, 6) else None
    for v in (got, expected):
        if isinstance(v, list):
            text = "the list " + _literal(v, digits)
        elif isinstance(v, dict):
            text = "the dictionary " + _literal(v, digits)
        else:
            text = describe(v, 60)
        words.append(text if len(text) <= limit else text[: limit - 1] + "…")
    return words[0], words[1]


def run_cases(answer: Callable, inputs: Sequence[tuple]) -> dict:
    """A student's function called on each input (with a time limit each, and nothing more after one endless
    loop): the captured answer of a function question, or unanswered when every call says NotImplementedError."""
    outputs = []
    for args in inputs:
        if outputs and outputs[-1].get("error") in ("timeout", "skipped"):  # one endless loop is enough
            outputs.append({"ok": False, "error": "skipped", "text": "not run, because an earlier check timed out"})
            continue
        outputs.append(call_with_timeout(answer, args))
    if outputs and all(o.get("error") == "NotImplementedError" for o in outputs):
        return {"state": "unanswered"}
    return {"state": "answered", "outputs": outputs}


class Function(Question):
    """A small function the student writes, checked on public cases here and on hidden cases when graded.

    A public case that fails shows the value returned against the value expected (the student can see these cases);
    a hidden case is only counted.

    ``compare`` is "exact" (plain-data equality), "number" (within ``tol``) or "text" (case and spacing ignored).
    ``hidden=True`` says that the solution notebook holds hidden cases for this question.
    """

    kind = "function"

    def __init__(
        self,
        qid: str,
        *,
        name: str,
        cases: Sequence[Case],
        points: float = 1,
        compare: str = "exact",
        tol: float = 1e-6,
        hidden: bool = False,
        hint: str = "",
        topic: str = "",
        **common,
    ):
        super().__init__(qid, points=points, topic=topic, hint=hint, var=name, **common)
        self.name = name
        self.cases = list(cases)
        self.mode = compare
        self.tol = tol
        self.hidden = hidden

    def expects(self) -> str:
        return f"a function named {self.name}"

    def capture(self, answer: Any, extra_inputs: Sequence[tuple] = ()) -> dict:
        if is_unanswered(answer):
            return {"state": "unanswered"}
        if not callable(answer):
            return {"state": "invalid", "message": f"expected {self.expects()}, got {describe(answer)}."}
        return run_cases(answer, [c.args for c in self.cases] + [tuple(a) for a in extra_inputs])


    def same(self, got: Any, expected: Any) -> bool:
        """Does a returned value (plain data) count as the expected one? Lists, tuples and dicts compare item by
        item, numbers within ``tol`` (when either is a decimal, or ``compare="number"``)."""
        if isinstance(expected, tuple):
            expected = list(expected)
        if isinstance(expected, list):
            return isinstance(got, list) and len(got) == len(expected) and all(
                self.same(g, e) for g, e in zip(got, expected))
        if isinstance(expected, dict):
            return isinstance(got, dict) and set(got) == {str(k) for k in expected} and all(
                self.same(got[str(k)], v) for k, v in expected.items())
        if self.mode == "text":
            if got is None and isinstance(expected, str):
                got = "none"
            return isinstance(got, str) == isinstance(expected, str) and self.norm(got) == self.norm(expected)
        if _is_number(expected):
            if not _is_number(got):
                return False
            if self.mode == "number" or isinstance(expected, float) or isinstance(got, float):
                return math.isfinite(got) and abs(got - expected) <= self.tol
            return got == expected
        if isinstance(expected, bool) or isinstance(got, bool):
            return type(got) is type(expected) and got == expected
        return got == expected

    def judge(self, captured: Mapping, hidden_cases: Sequence[Case] = ()) -> Result:
        state = captured.get("state")
        if state == "unanswered":
            return self._result("unanswered", f"Not answered yet: write the body of {self.name}, then run the cell.")
        if state == "invalid":
            return self._result("invalid", "Not checked: " + str(captured.get("message")))
        outputs = list(captured.get("outputs") or [])
        public, hidden = self.cases, list(hidden_cases)
        details: list[str] = []
        passed_pub = 0
        for i, case in enumerate(public):
            out = outputs[i] if i < len(outputs) else {"ok": False, "text": "it was not run"}
            if out.get("ok") and self.same(out.get("value"), case.expected):
                passed_pub += 1
                continue
            call = f"{self.name}({_format_args(case.args)})"
            if out.get("ok"):
                # a case the student can see: what came back against what should have (never for a hidden case)
                got, expected = _shown(out.get("value"), case.expected)
                line = f"{call} returned {got}, expected {expected}"
                if self.mode == "number":
                    line += f" (numbers within ±{self.tol:g})"
                if out.get("value") is None:
                    line += " (did you forget to return the result?)"
                details.append(line + ". " + case.hint)
            else:
                details.append(f"{call}: {out.get('text', 'it failed')}.")
        passed_hid = 0
        for j, case in enumerate(hidden):
            out = outputs[len(public) + j] if len(public) + j < len(outputs) else None
            if out and out.get("ok") and self.same(out.get("value"), case.expected):
                passed_hid += 1
        n_pub, n_hid = len(public), len(hidden)
        if passed_pub == n_pub:
            status, message = "correct", ("The check you can see passes." if n_pub == 1 else
                                          f"All {n_pub} checks you can see pass.")
        elif passed_pub == 0 and all(not o.get("ok") for o in outputs[:n_pub]):
            status, message = "error", ("0 of 1 check passes: your function did not finish on it." if n_pub == 1
                                        else f"0 of {n_pub} checks pass: your function did not finish on any of them.")
        else:
            status = "partial" if passed_pub else "incorrect"
            message = "0 of 1 check passes." if n_pub == 1 else f"{passed_pub} of {n_pub} checks pass."
        res = self._result(status, message, [d.strip() for d in details])
        res.public_passed, res.public_total = passed_pub, n_pub
        res.public_score = self.points * passed_pub / n_pub if n_pub else 0.0
        if n_hid:
            res.hidden_passed, res.hidden_total = passed_hid, n_hid
            res.score = self.points * (passed_pub + passed_hid) / (n_pub + n_hid)
            if status == "correct" and passed_hid < n_hid:
                res.status = "partial"
            res.message += f" Hidden checks: {passed_hid} of {n_hid} pass."
        else:
            res.score = res.public_score
            res.hidden_pending = self.hidden
            if self.hidden:
                res.message += " More checks, hidden from you, run when your work is graded."
        return res
