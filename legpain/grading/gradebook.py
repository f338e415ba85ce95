"""Writing a grading run: the gradebook (long and wide CSV), per-student feedback, the class report, manual grades.

``manual.csv`` (columns ``student,question,points,comment``) is the instructor's file for hand-graded questions. A run
adds a row, with empty points, for every graded student and hand-graded question it does not hold yet, and never
changes a row that is there: re-running into the same folder keeps every grade entered by hand.
"""

from __future__ import annotations

import base64
import csv
import math
from pathlib import Path

from ..checking.bank import label
from ..checking.feedback import STYLES
from ..common.text import MAX_DETAILS, MAX_QUOTED, clip, neutral, points, unneutral  # noqa: F401  (re-exported)
from .intake import feedback_names

MANUAL_FIELDS = ["student", "question", "points", "comment"]


_fmt = points


def _rows(rows):
    return [[neutral(c) for c in r] for r in rows]


def _manual_reader(fh):
    """A DictReader over manual.csv with its header read leniently (a spreadsheet's BOM, spaces, capitals)."""
    reader = csv.reader(fh)
    try:
        header = next(reader)
    except StopIteration:
        return [], None
    header = [h.strip().lstrip("\ufeff").lower() for h in header]
    return reader, header


def _open(path, mode: str, folder=None, **kw):
    """``path`` opened as is, or (``folder``, an open output folder) as a name in that folder, never through a link."""
    return folder.open(str(path), mode, **kw) if folder is not None else open(path, mode, **kw)


def _exists(path, folder=None) -> bool:
    return folder.exists(str(path)) if folder is not None else Path(path).exists()


def read_manual(path: Path, questions: dict, students=None, folder=None) -> tuple[dict, list[str]]:
    """{(student, qid): (points or None, comment)} from manual.csv, and warnings about rows that cannot be used.

    Read as a spreadsheet may have saved it: with or without a UTF-8 BOM, any line ending. Every row that cannot be
    used is named with its line: an unknown question, a student with no submission in this run (``students``),
    points that are not a number or out of range, a second row for the same student and question. ``folder``: the
    open output folder that ``path`` (a name) is in."""
    grades, warnings = {}, []
    if not _exists(path, folder):
        return grades, warnings
    first_line: dict = {}
    with _open(path, "r", folder, newline="", encoding="utf-8-sig", errors="replace") as fh:
        reader, header = _manual_reader(fh)
        if header is None:
            return grades, warnings
        missing = [f for f in ("student", "question", "points") if f not in header]
        if missing:
            warnings.append(f"manual.csv line 1: the header has no column {', '.join(missing)} "
                            f"(expected {','.join(MANUAL_FIELDS)}); no hand grades read")
            return grades, warnings
        col = {name: header.index(name) for name in MANUAL_FIELDS if name in header}
        line = reader.line_num
        for values in reader:
            n, line = line + 1, reader.line_num
            if not any(v.strip() for v in values):
                continue
            get = lambda f: values[col[f]] if f in col and col[f] < len(values) else ""  # noqa: E731
            student, qid = unneutral(get("student").strip()), get("question").strip()
            raw = get("points").strip()
            if qid not in questions:
                warnings.append(f"manual.csv line {n}: {qid!r} is not a hand-graded question of this set")
                continue
            if students is not None and student not in students:
                warnings.append(f"manual.csv line {n}: {student!r} has no graded submission in this run "
                                "(row kept, not used)")
                continue
            if (student, qid) in first_line:
                warnings.append(f"manual.csv line {n}: {student}, {qid} is already on line "
                                f"{first_line[(student, qid)]}; line {n} is not used")
                continue
            first_line[(student, qid)] = n
            points = None
            if raw:
                try:
                    points = float(unneutral(raw).replace(",", ".") if raw.count(",") == 1 and "." not in raw
                                   else unneutral(raw))
                except ValueError:
                    warnings.append(f"manual.csv line {n}: points {raw!r} for {student}, {qid} is not a number "
                                    "(left ungraded)")
                else:
                    top = questions[qid].points
                    if math.isnan(points) or not 0 <= points <= top:
                        warnings.append(f"manual.csv line {n}: {raw} points for {student}, {qid} is outside 0 to "
                                        f"{top:g} (left ungraded)")
                        points = None
            grades[(student, qid)] = (points, unneutral(get("comment")))
    return grades, warnings


def update_manual(path: Path, students: list[str], questions: dict, folder=None) -> None:
    """Append a row for each (graded student, hand-graded question) not in the file yet; change nothing else."""
    existing = set()
    if _exists(path, folder):
        with _open(path, "r", folder, newline="", encoding="utf-8-sig", errors="replace") as fh:
            reader, header = _manual_reader(fh)
            if header is not None and "student" in header and "question" in header:
                si, qi = header.index("student"), header.index("question")
                existing = {(unneutral(r[si].strip()), r[qi].strip()) for r in reader if len(r) > max(si, qi)}
    new = [(s, q) for s in students for q in questions if (s, q) not in existing]
    if not new and _exists(path, folder):
        return
    data = b""
    if _exists(path, folder):
        with _open(path, "rb", folder) as fh:
            data = fh.read()
    fresh = not data
    newline = "\r\n"
    if not fresh:
        needs_newline = data[-1:] not in (b"\n", b"\r")
        newline = "\r\n" if b"\r\n" in data else "\n"
    with _open(path, "a", folder, newline="", encoding="utf-8", errors="replace") as fh:
        if not fresh and needs_newline:
            fh.write(newline)
        writer = csv.writer(fh, lineterminator=newline)
        if fresh:
            writer.writerow(MANUAL_FIELDS)
        for s, q in new:
            writer.writerow([neutral(s), q, "", ""])


def _status_word(status: str) -> str:
    return STYLES.get(status, ("", status, ""))[1]




def _folder(summary):
    """The run's open output folder (``summary.outdir``), or the folder at ``summary.out`` opened now."""
    from .folders import OutDir

    od = getattr(summary, "outdir", None)
    if od is not None and getattr(od, "fd", -1) >= 0:
        return od, False
    return OutDir.make(summary.out), True


def write_all(summary, a, hidden) -> None:
    od, mine = _folder(summary)
    before = getattr(summary, "outdir", None)
    try:
        if mine:
            summary.outdir = od  # the report (_write_report) writes into the same open folder
        _write_all(summary, a, hidden, od)
    finally:
        if mine:
            summary.outdir = before
            od.close()


def _write_all(summary, a, hidden, od) -> None:
    manual_qs = {q.qid: q for q in a.exercises if q.manual}
    graded_students = [o.item.student for o in summary.outcomes if o.graded]
    if manual_qs:
        update_manual("manual.csv", graded_students, manual_qs, folder=od)
    manual, warns = read_manual("manual.csv", manual_qs, set(graded_students), folder=od)
    summary.warnings.extend(warns)

    # ---- the long gradebook -------------------------------------------------------------------------------
    long_rows, wide_rows, totals = [], [], []
    seen_wide = set()
    graded_set = set(graded_students)
    qids = [q.qid for q in a.exercises]
    lms_run = any(getattr(o.item, "lms", "") or getattr(o.item, "unmatched", "") for o in summary.outcomes)
    for o in summary.outcomes:
        s = o.item.student
        if not o.graded:
            long_rows.append([s, "", 0, a.max_points, "not graded", o.problem, o.item.label])
            if s not in seen_wide and s not in graded_set:  # a graded student's row is their graded file's
                seen_wide.add(s)
                wide_rows.append([s, o.item.label, f"not graded: {o.problem}"] + [""] * len(qids)
                                 + ["", "", 0, a.max_points, "", ""] + (_lms_cells(o.item) if lms_run else []))
            continue
        auto = manual_total = 0.0
        per_q = []
        pending = 0
        for r in o.full.results:
            if r.manual:
                points, comment = manual.get((s, r.qid), (None, ""))
                if r.status != "recorded":
                    status, message, pts = r.status, r.message, 0.0
                elif points is None:
                    status, message, pts = "needs manual grading", "answer saved; points come from manual.csv", 0.0
                    pending += 1
                else:
                    status, message, pts = "graded by hand", comment or "graded by hand", points
                manual_total += pts
                per_q.append(pts)
                long_rows.append([s, r.qid, _fmt(pts), r.points, status, clip(message), o.item.label])
            else:
                auto += r.score
                per_q.append(r.score)
                msg = r.message + (" " + " ".join(r.details[:MAX_DETAILS]) if r.details else "")
                long_rows.append([s, r.qid, _fmt(r.score), r.points, r.status, clip(msg), o.item.label])
        total = auto + manual_total
        totals.append(total)
        state = "graded" + (f"; {pending} answer(s) need manual grading" if pending else "")
        if o.cell_notes:
            state += "; " + "; ".join(o.cell_notes[:3])
        seen_wide.add(s)
        wide_rows.append([s, o.item.label, state] + [_fmt(p) for p in per_q]
                         + [_fmt(auto), _fmt(manual_total), _fmt(total), a.max_points, _fmt(o.public.public_score),
                            _fmt(o.seconds)] + (_lms_cells(o.item) if lms_run else []))

    with od.open("grades.csv", "w", newline="", encoding="utf-8", errors="replace") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "question", "points", "max_points", "status", "message", "file"])
        w.writerows(_rows(long_rows))
    with od.open("grades_wide.csv", "w", newline="", encoding="utf-8", errors="replace") as fh:
        w = csv.writer(fh)
        w.writerow(["student", "file", "status"] + qids
                   + ["auto_points", "manual_points", "total", "max_points", "public_score", "seconds"]
                   + (LMS_FIELDS if lms_run else []))
        w.writerows(_rows(wide_rows))

    # ---- feedback, one page per student ---------------------------------------------------------------------
    hidden_counts = {qid: len(cases) for qid, cases in hidden.items()}
    pages = [o for o in summary.outcomes
             if not (o.item.path is None and o.item.student in graded_students)  # their page is the graded one
             and not o.problem.startswith("a system file")
             and not (getattr(o.item, "lms", "") and o.problem.endswith("(ignored)"))]  # an LMS's receipt, index
    names, notes = feedback_names([o.item.student for o in pages])
    summary.warnings.extend(notes)
    from .folders import FolderError

    with od.sub("feedback") as feedback:
        for o in pages:
            page = _feedback_page(o, a, manual, hidden_counts)
            try:
                feedback.write_text(f"{names[o.item.student]}.html", page, encoding="utf-8", errors="replace")
            except (OSError, FolderError) as exc:  # one page that cannot be written costs that page, never the rest
                summary.warnings.append(f"the feedback page of {o.item.student!r} could not be written "
                                        f"({getattr(exc, 'strerror', None) or exc})")

    _write_report(summary, a, totals, manual, hidden)


LMS_FIELDS = ["name", "lms", "late", "attempts"]  # grades_wide.csv's last columns, for an LMS's download
_LMS_WORDS = {"canvas": "Canvas", "moodle": "Moodle", "blackboard": "Blackboard", "d2l": "Brightspace",
              "pattern": "--name-pattern"}
_LMS_KEYS = {"canvas": "Canvas's user id", "moodle": "Moodle's participant id (the grading worksheet's Identifier)",
             "blackboard": "Blackboard's user name",
             "d2l": "the full name Brightspace gave (its file names carry no id)",
             "pattern": "the student group of --name-pattern"}


def _lms_cells(item) -> list:
    """name, lms, late, attempts of one row of grades_wide.csv (late: yes, no, or empty when nothing says)."""
    late = getattr(item, "late", None)
    return [getattr(item, "name", ""), getattr(item, "lms", ""), "" if late is None else ("yes" if late else "no"),
            getattr(item, "attempts", "")]


def lms_report(summary) -> tuple[str, list[dict]]:
    """The report's lines on an LMS download: how names were read, and a row for every late submission, every
    student with several attempts and every name that follows no known naming (graded under its stem)."""
    outcomes = summary.outcomes
    kinds = [getattr(o.item, "lms", "") for o in outcomes if getattr(o.item, "lms", "")]
    missed = [o for o in outcomes if getattr(o.item, "unmatched", "")]
    if not kinds and not missed:
        return "", []
    kind = max(set(kinds), key=kinds.count) if kinds else getattr(summary, "lms", "")
    line = (f"Read as {_LMS_WORDS.get(kind, kind)}'s download: {len(kinds)} of {len(kinds) + len(missed)} files "
            f"recognised by name; each student is keyed by {_LMS_KEYS.get(kind, 'the name')}.") if kind else \
        "No file name followed the LMS's naming: each file was graded under its own name."
    rows = []
    for o in outcomes:
        it = o.item
        notes = []
        if getattr(it, "unmatched", ""):
            notes.append(f"name not recognised: it does not follow {it.unmatched}; graded under its own name, "
                         f"as {it.student!r}")
        if getattr(it, "late", None) and (o.graded or it.path is not None):
            notes.append("late: " + ("Canvas marked it LATE" if it.lms == "canvas" else
                                     f"submitted {it.time}, after the due time (--due)")
                         + "; graded like every other submission, no penalty")
        if getattr(it, "attempts", ""):
            notes.append(it.attempts)
        if notes:
            rows.append(dict(student=it.student, name=getattr(it, "name", ""), file=it.label, note="; ".join(notes)))
    return line, rows


def _feedback_page(o, a, manual, hidden_counts=None) -> str:
    """What one student may see, from ``templates/feedback.html.j2``: the checks they can see, hidden ones counted."""
    from .pages import feedback_page

    context = dict(student=o.item.student, slug=a.slug, problem=o.problem if not o.graded else "", rows=[],
                   summary="", hidden_note=False, cell_notes=list(o.cell_notes))
    if not o.graded:
        return feedback_page(**context)
    for r in o.public.results:
        symbol, word, colour = STYLES.get(r.status, ("?", r.status, "#999999"))
        if r.manual:
            points, comment = manual.get((o.item.student, r.qid), (None, ""))
            if r.status == "recorded" and points is not None:
                word, pts = "Graded by hand", f"{_fmt(points)} of {r.points:g} points"
                msg = comment
            elif r.status == "recorded":
                word, pts, msg = "Saved for manual grading", f"{r.points:g} points, graded by hand", \
                    "Your instructor grades this answer by hand."
            else:
                pts, msg = f"0 of {r.points:g} points", clip(r.message)
        else:
            pts, msg = f"{_fmt(r.public_score)} of {r.points:g} points", clip(r.message)
        note = ""
        n_hidden = (hidden_counts or {}).get(r.qid, 0)
        if n_hidden or getattr(r, "hidden_pending", False):
            context["hidden_note"] = True
            how_many = f"{n_hidden} more check{'s' if n_hidden != 1 else ''}" if n_hidden else "more checks"
            note = (f"This question also has {how_many} you cannot see. They are graded later, by your "
                    "instructor: their result is part of your grade, not of the points shown here.")
        context["rows"].append(dict(colour=colour, symbol=symbol, label=label(r.qid), word=word, pts=pts,
                                    message=msg, details=[clip(d) for d in r.details[:MAX_DETAILS] if d],
                                    hidden_note=note))
    context["summary"] = o.public.summary()
    return feedback_page(**context)


def _histogram(totals, max_points):
    from ..ui.figures import PALETTE, new_figure

    fig, ax = new_figure(alt=f"Histogram of total points of {len(totals)} graded submissions, out of "
                             f"{max_points:g}.", figsize=(6.5, 3.4))
    bins = max(5, min(20, int(max_points) + 1))
    ax.hist(totals, bins=bins, range=(0, max_points), color=PALETTE[0], edgecolor="white")
    ax.set_title("Total points per student")
    ax.set_xlabel(f"Total points (out of {max_points:g})")
    ax.set_ylabel("Students")
    return fig


def _write_report(summary, a, totals, manual, hidden=None) -> None:
    """``report.html`` (from ``templates/report.html.j2``) and ``items.csv``: per-question statistics, the item
    analysis of :mod:`legpain.grading.item_analysis`, the totals, what was not graded and the answers to grade by hand."""
    od, mine = _folder(summary)
    try:
        _write_report_into(od, summary, a, totals, manual, hidden)
    finally:
        if mine:
            od.close()


def _write_report_into(od, summary, a, totals, manual, hidden) -> None:
    from .item_analysis import MIN_FOR_DISCRIMINATION, analyse, write_items_csv
    from .pages import answer_bars, report_page

    graded = [o for o in summary.outcomes if o.graded]
    try:
        stats = analyse(a, summary.outcomes, hidden or {}, manual)
    except Exception as exc:  # noqa: BLE001 - answers no analysis foresaw cost the analysis, never the report
        stats = analyse(a, [], hidden or {}, manual)
        summary.warnings.append(f"the item analysis could not be made ({type(exc).__name__}); grades and feedback "
                                "are complete")
    write_items_csv("items.csv", stats, opener=od.opener)
    by_id = {st.qid: st for st in stats}
    questions = []
    for q in a.exercises:
        if q.manual:
            vals = [manual.get((o.item.student, q.qid), (None, ""))[0] for o in graded]
            given = [v for v in vals if v is not None]
            mean = f"{sum(given) / len(given):.2f}" if given else "—"
            rate = f"{len(given)} of {len(graded)} graded by hand"
        else:
            res = [next(r for r in o.full.results if r.qid == q.qid) for o in graded]
            mean = f"{sum(r.score for r in res) / len(res):.2f}" if res else "—"
            passed = sum(r.status == "correct" for r in res)
            rate = f"{100 * passed / len(res):.0f}%" if res else "—"
        st = by_id[q.qid]
        questions.append(dict(qid=q.qid, label=label(q.qid), kind=st.kind, points=q.points, mean=mean, rate=rate,
                              difficulty=st.difficulty, discrimination=st.discrimination, flags=st.flags))
    histogram = None
    if totals:
        fig = _histogram(totals, a.max_points)
        png = fig.png()
        od.write_bytes("histogram.png", png)
        histogram = dict(src="data:image/png;base64," + base64.b64encode(png).decode(), alt=fig.alt)
    not_graded = [dict(student=o.item.student, file=o.item.label, problem=clip(o.problem))
                  for o in summary.outcomes if not o.graded]
    texts = []
    for q in (q for q in a.exercises if q.manual):
        for o in graded:
            cap = o.captured.get(q.qid) or {}
            if cap.get("state") == "answered" and isinstance(cap.get("value"), str):
                points = manual.get((o.item.student, q.qid), (None, ""))[0]
                state = "needs manual grading" if points is None else f"graded by hand: {_fmt(points)}"
                texts.append(dict(student=o.item.student, qid=q.qid, state=state, answer=cap["value"]))
    bars = answer_bars(stats)
    items = [dict(vars(st), bars=bars.get(st.qid)) for st in stats]
    isolation = getattr(summary, "isolation", "") or ""
    lms_line, lms_rows = lms_report(summary)
    page = report_page(lms_line=lms_line, lms_rows=lms_rows,
        slug=a.slug, line=summary.line(), isolation=isolation,
        isolation_weak=bool(getattr(summary, "unsafe", False)),
        mean_total=f"{sum(totals) / len(totals):.2f}" if totals else "—", max_points=a.max_points,
        warnings=list(summary.warnings), questions=questions, min_n=MIN_FOR_DISCRIMINATION, histogram=histogram,
        not_graded=not_graded, items=items, texts=texts)
    od.write_text("report.html", page, encoding="utf-8", errors="replace")
