"""Exercise set 09: the public part of its variant questions (see :mod:`legpain.checking.variants`).

The options of its single-choice questions, whose order is drawn for each student.

Nothing here computes an answer: the key and the usual mistakes are in the question bank
(``legpain/checking/bank/set09.py``), which a class edition leaves out of a graded set.
"""

from ..variants import Public


PUBLIC = {
    "q9_1": Public("q9_1", options={
        "a": "Q1 \"Are the aims clear?\"",
        "b": "Q4 \"Is it clear what sources of information were used ...?\"",
        "c": "Q11 \"Does it describe the risks of each treatment?\"",
        "d": "Q13 \"Does it describe how treatment choices affect overall quality of life?\"",
    }),
    "q9_2": Public("q9_2", options={
        "a": "Costs",
        "b": "Harms",
        "c": "Novelty",
        "d": "Availability",
    }),
    "q9_3": Public("q9_3", options={
        "a": "Costs",
        "b": "Benefits",
        "c": "Novelty",
        "d": "Disease-mongering",
    }),
    "q9_5": Public("q9_5", options={
        "a": "1a",
        "b": "8b",
        "c": "23",
        "d": "11a",
    }),
    "q9_7": Public("q9_7", options={
        "a": "the share of implanted HF10 patients who responded for back and leg pain at once; the abstract gives only separate rates (84.5% back, 83.1% leg)",
        "b": "the HF10 back-pain responder rate among implanted patients; the abstract reports it as 84.5%, and a back-pain responder counts as a leg-pain responder too, so the sentence is right as it stands",
        "c": "the average of the HF10 back-pain and leg-pain responder rates among implanted patients; the abstract's two rates average 84.5%, so the sentence is right",
        "d": "the share of all 198 randomised patients, not only the implanted ones, who were responders for both pains; the abstract reports 84.5% for that share",
    }),
    "q9_11": Public("q9_11", options={
        "a": "the 2014 trial showed that manipulation has no side effects",
        "b": "serious harms are common, so manipulation should be avoided in anyone with leg pain from the back",
        "c": "mild reactions that pass are common; serious harms are rare, with a very uncertain rate",
        "d": "nothing is known about the harms of manipulation",
    }),
    "q9_20": Public("q9_20", options={
        "a": "a public health agency, informing readers about sciatica and its treatments",
        "b": "a clinic that prescribes the drug, wanting readers to book",
        "c": "the trial's researchers, reporting their results",
        "d": "a journalist, reporting news",
    }),
    "q9_21": Public("q9_21", options={
        "a": "commercial, in the consultations it sells; not declared",
        "b": "a commercial interest; declared in a statement of interests",
        "c": "no interest: it only informs",
    }),
    "q9_23": Public("q9_23", options={
        "a": "the pregabalin group at week 8",
        "b": "the placebo group at week 8",
        "c": "the difference between the groups at week 8",
        "d": "the pregabalin group at week 52",
    }),
    "q9_29": Public("q9_29", options={
        "a": "nothing new: a guideline is only a committee's opinion, so only the trial can show whether pregabalin works for sciatica",
        "b": "NICE, weighing the body of evidence, recommends against gabapentinoids such as pregabalin for sciatica: it contradicts \"a proven treatment\"",
        "c": "NICE recommends pregabalin as a first choice for sciatica, so the guideline supports the sentence even though the trial found no significant difference",
        "d": "nothing: the guideline dates from 2016, a year before the trial was published, so it cannot have weighed the trial's result",
    }),
}
