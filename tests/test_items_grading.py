"""Item analysis end to end: a fixture class of real exercise-00 notebooks with planted patterns, graded by the real
grader (sandbox and all); report.html and items.csv find each pattern, and the students' feedback pages show none
of it."""

from __future__ import annotations

import csv
import json
import re

import pytest

from legpain.common.layout import set_files
from legpain.grading import grade

from helpers import ROOT

SLUG = "00-start-here"

RIGHT_FN = "def percent_improvement(baseline, follow_up):\n    return (baseline - follow_up) / baseline * 100\n"
ABS_FN = "def percent_improvement(baseline, follow_up):\n    return abs(baseline - follow_up) / baseline * 100\n"


def _notebook(answers: dict[str, str]) -> dict:
    """The student copy of set 00 with the cell of each question in ``answers`` replaced by that code."""
    nb = json.loads(set_files(SLUG).exercise.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        m = re.search(r"""check\(\s*["'](q0_\d+)["']""", src)
        if m and m.group(1) in answers:
            cell["source"] = answers[m.group(1)] + f'\ncheck("{m.group(1)}", {_var(src)})\n'
    return nb


def _var(src: str) -> str:
    return re.search(r"""check\(\s*["']q0_\d+["']\s*,\s*([A-Za-z_]\w*)""", src).group(1)


@pytest.fixture(scope="module")
def class_run(tmp_path_factory):
    subs = tmp_path_factory.mktemp("planted-class")
    students = []
    # 6 strong students: right count, keyed-wrong 'c', right function; 5 weak: 191 or 200, keyed 'd', abs() slip
    for i in range(6):
        students.append((f"strong{i}", {"q0_1": "n_enrolled = 192", "q0_2": "ai_summary = 'c'",
                                        "q0_3": RIGHT_FN if i < 2 else ABS_FN}))
    for i in range(5):
        students.append((f"weak{i}", {"q0_1": f"n_enrolled = {191 if i < 2 else 200}", "q0_2": "ai_summary = 'd'",
                                      "q0_3": ABS_FN}))
    for name, answers in students:
        (subs / f"{name}.ipynb").write_text(json.dumps(_notebook(answers)), encoding="utf-8")
    out = tmp_path_factory.mktemp("planted-out")
    summary = grade(subs, SLUG, out, workers=2, timeout=5, progress=False)
    return summary, out


def _items(out):
    with open(out / "items.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_student_graded(class_run):
    summary, _ = class_run
    assert summary.graded == 11, [o.problem for o in summary.outcomes if not o.graded]


def test_items_csv_finds_each_planted_pattern(class_run):
    _, out = class_run
    rows = _items(out)
    q1 = {r["answer"]: r for r in rows if r["question"] == "q0_1"}
    assert q1["192"]["count"] == "6" and q1["192"]["correct"] == "yes"
    assert q1["200"]["count"] == "3" and q1["200"]["has_feedback"] == "no"
    assert q1["191"]["has_feedback"] == "yes"
    assert "no feedback yet" in q1["200"]["flags"]
    q2 = [r for r in rows if r["question"] == "q0_2"]
    assert "check the key" in q2[0]["flags"] and "negative discrimination" in q2[0]["flags"]
    q3 = [r for r in rows if r["question"] == "q0_3" and " case " in f" {r['answer']}"]
    worst = max(q3, key=lambda r: int(r["count"]))
    assert int(worst["count"]) == 9, "the abs() slip fails the cases where pain gets worse"


def test_report_shows_the_analysis(class_run):
    _, out = class_run
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "What did the class get wrong" in page
    assert "check the key" in page and "no feedback yet" in page
    assert page.count("data:image/png;base64,") >= 4  # a histogram and answer bars


def test_feedback_pages_show_no_item_analysis(class_run):
    """Student-facing feedback does not change: no class statistics, no hidden case on any page."""
    _, out = class_run
    for page in (out / "feedback").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "discrimination" not in text and "check the key" not in text
        assert "hidden case" not in text and "(7, 8.4)" not in text
