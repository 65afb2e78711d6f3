"""The worked examples of the labeling guide (the seed article, labeled), used by the shipped-model tests."""

WORKED_EXAMPLES = [
    ("\u201cWe did not expect any big moves today, but I believe we are now on a clearer path to understanding the "
     "other side\u2019s position,\u201d Blinken said.", "conciliatory", "positive"),
    ("He said Lavrov had reiterated that Russia had no plans to invade Ukraine, but added that the United States and "
     "its allies were not convinced.", "denying", "neutral"),
    ("\u201cWe see what is visible to all, deeds and actions are key, not words,\u201d said the US Secretary of State.",
     "neutral", "negative"),
    ("The United States and NATO allies have repeatedly warned that Russia will face \u201csevere consequences\u201d "
     "in the event of an invasion.", "threatening", "negative"),
    ("Lavrov declined to comment on the US promise to provide a written response to Moscow\u2019s demands next week.",
     "neutral", "neutral"),
    ("The Russian Foreign Ministry has ridiculed the allegations, saying they were apparently prepared by Orwell\u2019s "
     "Ministry of Truth.", "denying", "negative"),
    ("Tensions have risen as Russia deploys about 100,000 troops and heavy weapons near the border with Ukraine.",
     "neutral", "negative"),
    ("Russia has no plans to invade Ukraine, Lavrov said.", "denying", "neutral"),
]
