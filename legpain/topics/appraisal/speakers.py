"""Who speaks in each of the five documents, to whom, and with what interests, declared or not (lesson 07)."""

from __future__ import annotations

import html

from .styles import HTML, SOURCE_KEYS


__all__ = [
    "PROFILES", "profile_table",
]


PROFILES = {
    "000": dict(
        kind="news-style summary on a private clinic's website",
        speaker="Unnamed staff of Wimbledon Clinics, a private orthopaedic and sports-injury clinic in the UK",
        wants="Book an appointment ('Contact us for an appointment') and join the clinic's mailing list",
        interests="Commercial: the clinic sells consultations and treatments",
        cites="'A new study, published in the Annals of Internal Medicine' (no authors, date, title or link); "
              "quotes said to be given to Reuters Health",
        findable="Partly: the study can be identified (Bronfort et al. 2014) from the journal and the details; "
                 "the words it quotes from the lead author could not be found in the stored Reuters article"),
    "001": dict(
        kind="marketing page of a physiotherapy clinic",
        speaker="The clinic (unsigned), naming its practitioner Graeme Hayhow",
        wants="Have leg pain examined at the lower back and book manipulation with the clinic",
        interests="Direct commercial interest in the treatment it promotes",
        cites="One garbled line: 'Low Back Low Back and Leg Pain is Lumbar Radiculopathy, spineuniverse.com'",
        findable="No: no author, date or address; the article could not be found"),
    "002": dict(
        kind="consumer health-news article (the outlet is not named in the capture)",
        speaker="An unnamed journalist, relaying what the trial's lead author told Reuters Health",
        wants="Consider chiropractic for back-related leg pain ('might be worth a try')",
        interests="None declared; the article does not say that the trial's authors are chiropractic researchers, "
                  "that it ran at a chiropractic college's clinic (Northwestern Health Sciences University, the "
                  "registry's sponsor) and at the Palmer Center for Chiropractic Research, or who funded it",
        cites="The paper's authors, title, journal and year; quotes from Reuters Health; a statement attributed to "
              "NYU Langone Medical Center",
        findable="Mostly: the paper and the Reuters quotes were found; the NYU Langone statement was not"),
    "003": dict(
        kind="AI-generated research summary (the 'Consensus' search product)",
        speaker="No human author; an AI tool's summary, with no date",
        wants="Trust the summary and keep using the product",
        interests="The vendor benefits from seeming comprehensive; the summary does not say that the stimulation "
                  "trial it describes was funded by the device's maker (Nevro Corp.)",
        cites="Nothing on the page as captured: the heading 'Sources and full results' is followed by no sources "
              "(the capture probably lost the live page's citation markers and links)",
        findable="No from the page itself; the course traced the probable papers by its own searches"),
    "004": dict(
        kind="blog post of a physical-therapy clinic in Sanford, Florida",
        speaker="A clinic physical therapist (username 'dkomforti')",
        wants="Believe that leg pain comes from the lumbar spine and book treatment at the clinic",
        interests="Commercial; the text is seeded with local search phrases ('Physical Therapy near me')",
        cites="'A 2018 study published in the Journal of Orthopaedic & Sports Physical Therapy' and 'research in "
              "the European Spine Journal' (no authors or titles); a patient story",
        findable="No: neither study could be found"),
}


def profile_table(documents: list[str] | None = None) -> HTML:
    """A table: for each document, what kind of text it is, who speaks, what it wants, interests, citations."""
    keys = documents or SOURCE_KEYS
    fields = [("kind", "What kind of text"), ("speaker", "Who is speaking"), ("wants", "What it wants you to do"),
              ("interests", "Interests"), ("cites", "What it cites"), ("findable", "Can the citations be found?")]
    head = "".join(f"<th style='text-align:left'>{h}</th>" for _f, h in fields)
    rows = "".join(
        f"<tr><td><code>{k}</code></td>" + "".join(
            f"<td style='text-align:left;vertical-align:top'>{html.escape(PROFILES[k][f])}</td>" for f, _h in fields)
        + "</tr>" for k in keys)
    plain = "\n".join(f"{k}: {PROFILES[k]['kind']} | {PROFILES[k]['interests']}" for k in keys)
    return HTML(f"<table><thead><tr><th>Doc</th>{head}</tr></thead><tbody>{rows}</tbody></table>", plain)


