"""The claim ledger, the appraisal module (lessons 07-09) and their question banks."""

import json
import re
from importlib import resources

import pytest

from legpain.topics import appraisal
from legpain.checking import bank
from legpain.ui.figures import accessibility_problems
from legpain.checking.questions import Choice, Function, Match, Number
from legpain.topics.sources import SOURCES, source_text

RECORDS = appraisal.ledger()
TEXTS = {s.key: source_text(s.key) for s in SOURCES}


# --- the ledger: validation -----------------------------------------------------------------------------------

def test_ledger_is_shipped_as_package_data_and_reads_as_json():
    """legpain/topics/data/ledger.json is inside the package, is valid JSON and lists its scales and claims."""
    raw = json.loads((resources.files("legpain.topics") / "data" / "ledger.json").read_text(encoding="utf-8"))
    assert raw["verdicts"] == appraisal.VERDICTS
    assert raw["kinds"] == appraisal.KINDS
    assert len(raw["claims"]) == len(RECORDS) >= 80


def test_validate_ledger_finds_no_problem():
    """The ledger's own validator reports nothing: quotes, scales, citations, ids and coverage all pass."""
    assert appraisal.validate_ledger() == []


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r["id"])
def test_every_quote_is_verbatim_in_its_source_file(rec):
    """Each quote appears character for character (curly quotes included) in the document it is attributed to."""
    assert rec["quote"] in TEXTS[rec["source"]]


def test_every_quote_occurs_once_and_quotes_do_not_overlap():
    """A quote identifies one place in its document, and no two claims of a document overlap (so all can be marked)."""
    for key, text in TEXTS.items():
        spans = []
        for r in appraisal.claims(key):
            assert text.count(r["quote"]) == 1, r["id"]
            start = text.find(r["quote"])
            spans.append((start, start + len(r["quote"]), r["id"]))
        spans.sort()
        for (a0, a1, aid), (b0, b1, bid) in zip(spans, spans[1:]):
            assert b0 >= a1, f"{aid} and {bid} overlap"


def test_every_verdict_and_kind_is_on_the_fixed_scale():
    """Verdicts use exactly the six-point scale and kinds the seven kinds."""
    assert appraisal.VERDICTS == ["accurate", "accurate but incomplete", "overstated or misleading",
                                  "misreported (numbers wrong)", "unsupported or unverifiable", "wrong"]
    for r in RECORDS:
        assert r["verdict"] in appraisal.VERDICTS, r["id"]
        assert r["kind"] in appraisal.KINDS, r["id"]


def test_every_record_has_a_citation_or_says_what_was_searched():
    """Each record cites a source with a DOI, PMID or address; an unverifiable one at least says what was searched."""
    for r in RECORDS:
        good = [c for c in r["citations"] if re.search(r"doi:|PMID|https?://", c)]
        if r["verdict"] == "unsupported or unverifiable":
            assert r.get("searched", "").strip(), r["id"]
        else:
            assert good, r["id"]
        assert len(good) == len([c for c in r["citations"] if c.strip()]), r["id"]


def test_ids_are_unique_and_shaped_like_source_dash_number():
    """Ids are unique, look like '003-11', and start with their record's source key."""
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    for r in RECORDS:
        assert re.fullmatch(r"\d{3}-\d{2}", r["id"]) and r["id"][:3] == r["source"]


def test_every_source_is_covered_and_every_field_is_filled():
    """All five documents have claims; evidence and explanation are never empty."""
    assert {r["source"] for r in RECORDS} == set(TEXTS)
    for r in RECORDS:
        assert r["evidence"].strip() and r["explanation"].strip(), r["id"]


def test_ledger_covers_the_required_topics():
    """Anatomy, the trial, prevalence, spinal cord stimulation and surgery are all in the ledger."""
    kinds = {r["kind"] for r in RECORDS}
    assert {"anatomy", "trial", "prevalence"} <= kinds
    quotes = " ".join(r["quote"] for r in RECORDS)
    assert "SCS" in quotes and "surgery" in quotes.lower()


def test_key_verdicts_match_the_research():
    """Spot checks of verdicts the lessons teach: SENZA misreported, 30 bones wrong, trial numbers accurate."""
    assert appraisal.claim("003-11")["verdict"] == "misreported (numbers wrong)"
    assert "Kapural" in " ".join(appraisal.claim("003-11")["citations"])
    assert appraisal.claim("001-06")["verdict"] == "wrong"
    assert appraisal.claim("001-03")["verdict"] == "wrong"
    assert appraisal.claim("000-03")["verdict"] == "accurate"
    assert appraisal.claim("004-07")["verdict"] == "unsupported or unverifiable"
    assert "10.7326/M14-0006" in " ".join(appraisal.claim("000-03")["citations"])


def test_validator_catches_broken_records():
    """validate_ledger reports a changed quote, an off-scale verdict, a duplicate id and a missing citation."""
    bad = [dict(r) for r in RECORDS[:3]]
    bad[0]["quote"] = bad[0]["quote"] + " (edited)"
    bad[1]["verdict"] = "mostly fine"
    bad[2]["id"] = bad[0]["id"]
    bad[2]["citations"] = []
    bad[2]["verdict"] = "accurate"
    problems = " ".join(appraisal.validate_ledger(bad, TEXTS))
    assert "not verbatim" in problems and "not on the scale" in problems
    assert "id used twice" in problems and "no citation" in problems
    assert "has no claims" in problems  # three records cannot cover five sources


# --- queries and the counting matrix ---------------------------------------------------------------------------

def test_claims_filters_and_claim_lookup():
    """claims() filters by source, verdict and kind; claim() finds one record and rejects an unknown id."""
    assert all(r["source"] == "003" for r in appraisal.claims("003"))
    assert all(r["verdict"] == "wrong" for r in appraisal.claims(verdict="wrong"))
    assert len(appraisal.claims(1, kind="anatomy")) >= 2
    with pytest.raises(KeyError):
        appraisal.claim("009-99")


def test_verdict_matrix_adds_up():
    """The per-document verdict counts add up to the ledger's size, and so do the kind counts."""
    rows, cols, counts = appraisal.verdict_matrix()
    assert rows == list(TEXTS) and cols == appraisal.VERDICTS
    assert sum(map(sum, counts)) == len(RECORDS)
    assert counts[rows.index("001")][cols.index("wrong")] == 2
    _r, kcols, kcounts = appraisal.verdict_matrix("kind")
    assert kcols == appraisal.KINDS and sum(map(sum, kcounts)) == len(RECORDS)


# --- highlighted documents and claim cards ----------------------------------------------------------------------

@pytest.mark.parametrize("key", list(TEXTS))
@pytest.mark.parametrize("by", ["verdict", "kind"])
def test_highlight_marks_every_claim_with_a_text_label(key, by):
    """Each claim of a document becomes one <mark> with its id and a capitalised label; the legend is there too."""
    out = appraisal.highlight(key, by)
    html_text = out._repr_html_()
    n = len(appraisal.claims(key))
    assert html_text.count("<mark title=") == n
    assert "Legend:" in html_text
    for r in appraisal.claims(key):
        style = appraisal.VERDICT_STYLE if by == "verdict" else appraisal.KIND_STYLE
        assert f"[{r['id']} {style[r[by]][1]}]" in html_text
    assert "Not marked" not in html_text
    assert f"Source {key}" in repr(out)


def test_highlight_escapes_the_source_text_and_keeps_it_whole():
    """Text outside the marks is HTML-escaped and nothing of the document is lost."""
    import html as _html

    out = appraisal.highlight("002")._repr_html_()
    body = re.sub(r"<sup[^>]*>.*?</sup>", "", out.split("white-space:pre-wrap;line-height:1.6'>", 1)[1])
    body = re.sub(r"<[^>]+>", "", body)
    assert _html.unescape(body).startswith(TEXTS["002"].strip()[:60])
    assert "&ldquo;" not in out and "<script" not in out


def test_highlight_rejects_unknown_colouring():
    """Asking to colour by something other than verdict or kind is an error with a clear message."""
    with pytest.raises(ValueError):
        appraisal.highlight("001", "colour")


@pytest.mark.parametrize("cid", ["003-11", "004-07", "001-06", "000-13"])
def test_claim_card_shows_quote_verdict_and_evidence(cid):
    """A claim card holds the quote, the verdict in words, the explanation and the citations or searches."""
    r = appraisal.claim(cid)
    card = appraisal.claim_card(cid)._repr_html_()
    import html as _html

    assert _html.escape(r["quote"]) in card and r["verdict"] in _html.unescape(card)
    assert ("Citations" in card) or ("What was searched" in card)
    if r["verdict"] == "unsupported or unverifiable":
        assert "What was searched" in card


def test_claim_menu_lists_every_claim():
    """The claim menu has one (label, id) pair per claim, for one document or all."""
    assert len(appraisal.claim_menu()) == len(RECORDS)
    assert [i for _l, i in appraisal.claim_menu("003")] == [r["id"] for r in appraisal.claims("003")]


def test_profiles_cover_every_document_and_field():
    """Lesson 07's profile table has, for each document, kind, speaker, aim, interests, citations, findability."""
    for key in TEXTS:
        p = appraisal.PROFILES[key]
        assert set(p) == {"kind", "speaker", "wants", "interests", "cites", "findable"}
        assert all(v.strip() for v in p.values())
    assert appraisal.profile_table()._repr_html_().count("<tr>") == 1 + len(TEXTS)


# --- figures ------------------------------------------------------------------------------------------------------

FIGURES = {
    "verdict bars": lambda: appraisal.verdict_bars_figure(),
    "kind bars": lambda: appraisal.verdict_bars_figure("kind"),
    "senza": appraisal.senza_figure,
    "discern default": lambda: appraisal.discern_profile("001"),
    "discern low": lambda: appraisal.discern_profile("003", **{f"q{i}": 1 for i in range(1, 17)}),
    "discern high": lambda: appraisal.discern_profile("004", **{f"q{i}": 5 for i in range(1, 17)}),
    "hnr default": lambda: appraisal.hnr_profile("002"),
    "hnr mixed": lambda: appraisal.hnr_profile("000", c1="satisfactory", c5="not applicable", c10="satisfactory"),
    "grade rct": lambda: appraisal.grade_ladder("randomised trials", 2, 0),
    "grade obs": lambda: appraisal.grade_ladder("observational studies", 0, 2),
    "grade floor": lambda: appraisal.grade_ladder("observational studies", 3, 0),
}


@pytest.mark.parametrize("name", list(FIGURES))
def test_figures_meet_the_accessibility_standard(name):
    """Every figure has alt text, a title, labelled axes, palette colours and legible text."""
    assert accessibility_problems(FIGURES[name]()) == []


def test_discern_profile_totals_and_rejects_out_of_range_scores():
    """The DISCERN title reports the total of the 15 key questions; a score outside 1-5 is refused."""
    fig = appraisal.discern_profile("001", **{f"q{i}": 2 for i in range(1, 17)})
    assert "total 30 of 75" in fig.axes[0].get_title()
    with pytest.raises(ValueError):
        appraisal.discern_profile("001", q3=6)
    assert len(appraisal.discern_sliders()) == 16


def test_hnr_profile_counts_satisfactory_among_applicable_criteria():
    """The news-criteria chart counts satisfactory ratings out of the applicable ones and refuses unknown ratings."""
    fig = appraisal.hnr_profile("002", c1="satisfactory", c2="satisfactory", c3="not applicable")
    assert "2 of 9 applicable" in fig.axes[0].get_title()
    with pytest.raises(ValueError):
        appraisal.hnr_profile("002", c4="good")
    assert len(appraisal.hnr_menus()) == 10


def test_grade_ladder_moves_between_four_levels():
    """Randomised trials start high, observational studies low; the level never leaves the four-level scale."""
    assert "high certainty" in appraisal.grade_ladder("randomised trials", 0, 0).axes[0].get_title()
    assert "low certainty" in appraisal.grade_ladder("observational studies", 0, 0).axes[0].get_title()
    assert "very low" in appraisal.grade_ladder("randomised trials", 3, 0).axes[0].get_title()
    assert "high certainty" in appraisal.grade_ladder("observational studies", 0, 2).axes[0].get_title()
    with pytest.raises(ValueError):
        appraisal.grade_ladder("expert opinion")


def test_senza_numbers_are_the_reported_ones():
    """The SENZA figure uses the abstract's responder rates, and 003's error is the back-pain figure for both."""
    assert appraisal.SENZA_REPORTED == {"HF10, back pain": 84.5, "HF10, leg pain": 83.1,
                                        "traditional SCS, back pain": 43.8, "traditional SCS, leg pain": 55.5}
    assert "84.5%" in appraisal.claim("003-11")["quote"]


def test_instruments_have_the_stated_sizes():
    """DISCERN has 15 key questions + 1 overall, HealthNewsReview.org 10 criteria, RoB 2 5 domains, GRADE 4 levels."""
    assert len(appraisal.DISCERN_QUESTIONS) == 16
    assert len(appraisal.HNR_CRITERIA) == 10
    assert len(appraisal.ROB2_DOMAINS) == 5
    assert [lvl for lvl, _m in appraisal.GRADE_LEVELS] == ["High", "Moderate", "Low", "Very low"]
    assert len(appraisal.GRADE_DOWN) == 5 and len(appraisal.GRADE_UP) == 3
    for name in ("discern", "hnr", "consort", "rob2", "grade", "ocebm"):
        assert "<table>" in appraisal.instrument_table(name)._repr_html_()
    with pytest.raises(ValueError):
        appraisal.instrument_table("pedro")


# --- question banks ----------------------------------------------------------------------------------------------

SLUGS = ["07-who-is-speaking", "08-the-claim-ledger", "09-tools-of-the-trade"]


def _messages(q):
    msgs = [q.hint]
    for attr in ("feedback", "item_hints"):
        msgs += list(getattr(q, attr, {}).values()) if isinstance(getattr(q, attr, None), dict) else []
    msgs += [getattr(q, "low", ""), getattr(q, "high", "")]
    if isinstance(q, Function):
        msgs += [c.hint for c in q.cases]
    return [m for m in msgs if m]


@pytest.mark.parametrize("slug", SLUGS)
def test_bank_ids_points_and_kinds(slug):
    """Each set has exercise ids qN_M and check ids cN_M with its lesson number, and at least one hand-graded text."""
    a = bank.assignment(slug)
    n = slug[:2].lstrip("0")
    assert all(re.fullmatch(rf"q{n}_\d+", q.qid) for q in a.exercises)
    assert all(re.fullmatch(rf"c{n}_\d+", q.qid) for q in a.checks)
    assert any(q.manual for q in a.exercises)
    assert all(q.points > 0 for q in a.exercises)


def test_at_least_fifteen_auto_checked_questions_and_the_required_kinds():
    """Across sets 07-09: >= 15 auto-checked questions, a Match, a Number, a Choice and a hidden-case Function."""
    qs = [q for s in SLUGS for q in bank.assignment(s).exercises]
    auto = [q for q in qs if not q.manual]
    assert len(auto) >= 15
    assert any(isinstance(q, Match) for q in auto) and any(isinstance(q, Number) for q in auto)
    assert any(isinstance(q, Choice) for q in auto)
    assert any(isinstance(q, Function) and q.hidden for q in auto)


@pytest.mark.parametrize("slug", SLUGS)
def test_feedback_never_states_the_expected_answer(slug):
    """No hint or feedback message contains the expected number, option letter marker or matched value."""
    a = bank.assignment(slug)
    for q in list(a.exercises) + list(a.checks):
        msgs = " ".join(_messages(q)).lower()
        if isinstance(q, Number):
            ans = q.answer
            text = f"{ans:g}"
            assert not re.search(rf"(?<![\d.]){re.escape(text)}(?![\d.])", msgs), q.qid
        elif isinstance(q, Choice):
            assert f"'{q.answer}'" not in msgs and f"({q.answer})" not in msgs, q.qid
        elif isinstance(q, Match):
            for key, val in q.answer.items():
                hint = q.item_hints.get(key, "").lower()
                assert str(val).lower() not in hint, (q.qid, key)


def test_function_exercise_model_answer_agrees_with_the_ledger():
    """The counting function of Exercise 8.6, written as in the solution, reproduces the ledger's verdict matrix."""
    def tabulate(records):
        table = {}
        for r in records:
            inner = table.setdefault(r["source"], {})
            inner[r["verdict"]] = inner.get(r["verdict"], 0) + 1
        return table

    q = next(q for q in bank.assignment("08-the-claim-ledger").exercises if isinstance(q, Function))
    for case in q.cases:
        assert tabulate(*case.args) == case.expected
    rows, cols, counts = appraisal.verdict_matrix()
    got = tabulate(RECORDS)
    for i, key in enumerate(rows):
        assert got[key] == {c: n for c, n in zip(cols, counts[i]) if n}


def test_lesson_08_states_the_ledger_size():
    """Lesson 08 says how many claims the ledger holds; that number matches the ledger."""
    from legpain.common import notebooks
    from helpers import ROOT

    nb = notebooks.read(ROOT / "lessons" / "08-the-claim-ledger.ipynb")
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert f"{len(RECORDS)} in all" in text
    assert f"holds {len(RECORDS)} of them" in text


# --- second edition (issue 13): sources' errors, balance, instruments, colours ----------------------------------

def test_ledger_names_the_sources_known_errors():
    """000-07 names the mislabelled measure; 002-01/002-18 name the chiropractic college where the trial ran."""
    r = appraisal.claim("000-07")
    assert r["verdict"] == "overstated or misleading"
    assert "percentage improvement" in r["explanation"] and "2 to 19" in r["explanation"]
    for cid in ("002-01", "002-18"):
        r = appraisal.claim(cid)
        assert r["verdict"] == "accurate but incomplete"
        assert "Northwestern Health Sciences University" in r["explanation"]
        assert any("NCT00494065" in c for c in r["citations"])


def test_missed_claims_are_in_the_ledger():
    """The headline of 000, the opening SCS sentence of 003 and 002's 'verdict is still out' are entered."""
    assert appraisal.claim("000-15")["quote"] == "Spinal Manipulation Eases Back-Related Leg Pain"
    assert appraisal.claim("003-19")["quote"].startswith("One promising treatment")
    assert "verdict is still out" in appraisal.claim("002-19")["quote"]


def test_similar_claims_get_the_same_verdict():
    """Claims that leave out what a reader needs to interpret the comparison are judged alike."""
    assert appraisal.claim("000-05")["verdict"] == appraisal.claim("000-13")["verdict"] == "accurate but incomplete"
    assert appraisal.claim("002-01")["verdict"] == appraisal.claim("002-18")["verdict"]


def test_the_capture_of_003_is_judged_as_captured():
    """003-18 says the capture probably lost the inline citations; the stray ' .' marks are really in the file."""
    r = appraisal.claim("003-18")
    assert "as captured" in r["explanation"]
    assert TEXTS["003"].count(" .") >= 3


def test_no_document_sharing_copy_is_given_as_evidence():
    """No SEO proxy, scribd, studylib or 123doc copy is cited as where evidence was read."""
    bad = re.compile(r"scribd|studylib|123doc|prideseotools|medluna|ichgcp")
    for r in RECORDS:
        text = " ".join([r["evidence"], r.get("searched", "")] + r["citations"])
        assert not bad.search(text), r["id"]


def test_each_colour_has_one_meaning():
    """Verdicts and kinds never share a colour, and every meaning's colour is unique across the module."""
    verdict = {c.lower() for c, _l, _h in appraisal.VERDICT_STYLE.values()}
    kind = {c.lower() for c, _l, _h in appraisal.KIND_STYLE.values()}
    assert len(verdict) == 6 and len(kind) == 7 and not verdict & kind
    meanings = appraisal.colour_meanings()
    assert len(meanings) == 6 + 7 + 2
    assert len(set(meanings.values())) == len(meanings)
    labels = [lab for _c, lab, _h in appraisal.KIND_STYLE.values()] + [lab for _c, lab, _h in
                                                                        appraisal.VERDICT_STYLE.values()]
    assert len(set(labels)) == len(labels)


def test_highlight_by_kind_uses_greys_and_distinct_underlines():
    """A document marked by kind uses no verdict colour, and each kind has its own underline style."""
    page = appraisal.highlight("004", "kind")._repr_html_().lower()
    for colour, _l, _h in appraisal.VERDICT_STYLE.values():
        assert colour.lower() not in page
    assert len(set(appraisal.KIND_UNDERLINE.values())) == len(appraisal.KINDS)


def test_ocebm_has_five_levels_and_places_designs():
    """OCEBM 2011 (treatment benefits) has five levels; a mechanism is level 5, a randomised trial level 2."""
    assert [lvl for lvl, _t in appraisal.OCEBM_TREATMENT] == [f"Level {i}" for i in range(1, 6)]
    assert appraisal.OCEBM_TREATMENT[4][1] == "Mechanism-based reasoning"
    assert appraisal.ocebm_level("mechanism-based reasoning") == 5
    assert appraisal.ocebm_level("Randomized trials") == 2
    assert appraisal.ocebm_level("case series") == 4
    assert appraisal.ocebm_level("Case-control studies") == 4
    assert appraisal.ocebm_level("systematic review of randomised trials") == 1
    with pytest.raises(ValueError):
        appraisal.ocebm_level("a patient story")


def test_casp_harms_and_scrutiny_tables():
    """CASP has 11 questions and a stated version; the harms table and the two-trial scrutiny table render."""
    assert len(appraisal.CASP_RCT) == 11 and "2018" in appraisal.CASP_VERSION
    for name in ("casp", "harms", "ocebm"):
        assert "<table>" in appraisal.instrument_table(name)._repr_html_()
    page = appraisal.scrutiny_table()._repr_html_()
    assert "noninferiority" in page and "Nevro" in page and "could not be blinded" in page
    assert "0.13%" in " ".join(f for _s, f in appraisal.SMT_HARMS)


def test_source_003_is_shown_with_its_capture_note():
    """Showing document 003 says that the capture probably lost its sources; other documents carry no such note."""
    from legpain.topics.sources import CAPTURE_NOTES, show_source

    assert "Note on the capture" in show_source("003")._repr_html_() and "captured" in repr(show_source("003"))
    assert "Note on the capture" not in show_source("001")._repr_html_()
    assert set(CAPTURE_NOTES) == {"003"}


def test_discern_section_names_never_overlap_a_bar():
    """Lesson 09: the section names (reliability, treatment choices) stand clear of every bar and its number, even
    with every score at 5, and inside the picture."""
    from legpain.topics import appraisal

    for score in (1, 3, 5):
        fig = appraisal.discern_profile("001", **{f"q{i}": score for i in range(1, 17)})
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        names = [t for t in ax.texts if "(Q" in t.get_text()]
        assert len(names) == 2
        marks = [b.get_window_extent(renderer) for b in ax.patches] + \
            [t.get_window_extent(renderer) for t in ax.texts if t not in names]
        page = fig.bbox
        for name in names:
            box = name.get_window_extent(renderer)
            assert not any(box.overlaps(m) for m in marks), (score, name.get_text())
            assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1
