"""Lesson 02 (nerve roots and leg pain): which root leaves where, which root a disc herniation hits, what each root
serves in the leg, the straight leg raise in numbers, and a "which root?" quiz.

Sources (full citations in lesson 02's reference list; research notes in ``docs/evidence/anatomy-and-nerve-roots.md``):

* Exit rule: lumbar and sacral roots leave below the pedicle of the vertebra with the same number (StatPearls,
  Anatomy, Skin, Dermatomes; University of Wisconsin neuroradiology teaching pages).
* Paracentral herniation -> traversing root; far-lateral herniation -> exiting root (Radiopaedia case "Disc
  herniation affecting transiting nerve root"; far-lateral abstract, PMID 12235530 as shown on Orthobullets; Kim SC,
  Weller SJ, Semin Neurosurg 2000;11(2):141-148, doi:10.1055/s-2000-13228).
* Root patterns (sensory area, weak movement, reflex): Engstrom JW, Deyo RA, Back and neck pain, Harrison's
  Principles of Internal Medicine 19th ed. (table "Lumbosacral radiculopathy: neurologic features"); GPnotebook
  (L4, L5 pages, lower-limb dermatomes). Dermatome maps differ between sources (Lee, McPhee, Stringer 2008).
* Reflexes: the knee jerk runs through L2-L4, mainly L3-L4 (GPnotebook "knee jerk": L3 and L4; MSD Manual
  "Lumbosacral radiculopathy": an L3-L4 herniation may affect the knee jerk); ankle jerk S1.
* Where root pain is felt: the pain column of the same Harrison's table (L3 anterior thigh and knee; L4 knee, medial
  calf and anterolateral thigh; L5 lateral calf, dorsal foot, posterolateral thigh and buttock; S1 sole, posterior calf,
  posterior thigh and buttock); MSD Manual. That it often does not follow dermatomes: Murphy et al. Chiropr Osteopat
  2009;17:9 (lumbar roots: pain non-dermatomal in 64.1%; S1 the exception, dermatomal in 64.9%); Albert et al.
  Chiropr Man Therap 2019;27:50.
* Thigh adductors: listed for L3 and L4 in the Harrison's table.
* Straight leg raise: Devillé WL et al. Spine 2000;25(9):1140-1147, doi:10.1097/00007632-200005010-00016 (pooled
  sensitivity 0.91, specificity 0.26; crossed test 0.29 and 0.88), surgical case series. Likelihood ratios are
  computed here from those pooled values (LR+ = sens / (1 - spec), LR- = (1 - sens) / spec).
* Common fibular (peroneal) neuropathy weakens the ankle dorsiflexors and evertors (Baima & Krivickas, Curr Rev
  Musculoskelet Med 2008;1(2):147-153); foot inversion (tibialis posterior, tibial nerve) is spared. Spared inversion
  and hip abduction make a nerve problem at the knee more likely than L5, but a mild L5 problem may weaken little
  more than the big-toe lift (GPnotebook "L5 damage"); electromyography tells a nerve from a root problem
  (StatPearls, Peroneal Nerve Injury).

* Quiz mimics: hip osteoarthritis sends pain below the knee in 47% of 60 people awaiting hip replacement (Khan AM et
  al. Ann R Coll Surg Engl 2004;86(2):119-121, PMID 15005931), and pain on turning the hip inwards is one of the ACR
  clinical criteria for it (Altman R et al. Arthritis Rheum 1991;34:505-514, PMID 2025304); a tight plaster cast can
  injure the common peroneal nerve (StatPearls, Peroneal Nerve Injury); the femoral nerve can be compressed after a
  retroperitoneal haemorrhage (Bowley MP, Doughty CT, "Entrapment neuropathies of the lower extremity"), and it
  supplies sartorius, pectineus and quadriceps, not the thigh adductors, which L3 and L4 reach through another nerve
  (Stedman's; Harrison's table). A reflex "may be reduced": a normal ankle jerk does not exclude S1.

The drawings are schematic teaching diagrams. The course teaches; it does not diagnose.

The package, by part of the lesson: ``rules`` (exit and herniation rules, the ROOTS table), ``drawings`` (leg,
root explorer, nerves, level explorer), ``bedside`` (the straight leg raise in numbers) and ``quiz`` ("which
root?"). Every name lessons use is importable from the package itself, as before the split.
"""

from __future__ import annotations

from .rules import LEVELS, ROOTS, DIRECTIONS, exiting_root, traversing_root, root_hit, root_pattern
from .drawings import (leg_regions, NERVE_TERRITORIES, nerves_figure, draw_leg, root_explorer, EXPLORER_HEADINGS,
                       level_figure)
from .bedside import SLR_ACCURACY, per_hundred, slr_figure, likelihood_ratios, post_test_probability
from .quiz import QUIZ, quiz_feedback, quiz_card, quiz_demo, QUIZ_PICKS

from .rules import _REFLEX_NOTE  # noqa: F401  (read by tests)

__all__ = [
    "LEVELS", "ROOTS", "DIRECTIONS", "SLR_ACCURACY", "QUIZ", "exiting_root", "traversing_root", "root_hit",
    "root_pattern", "leg_regions", "NERVE_TERRITORIES", "nerves_figure", "draw_leg", "root_explorer",
    "EXPLORER_HEADINGS", "level_figure", "per_hundred", "slr_figure", "quiz_feedback", "quiz_card", "quiz_demo",
    "QUIZ_PICKS", "likelihood_ratios", "post_test_probability",
]
