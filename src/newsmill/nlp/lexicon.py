"""The cue lexicon of :mod:`newsmill.nlp.quotes`: reporting, attitude, intention and nominal cues."""

from __future__ import annotations

# Reporting verbs (lemmas). Built from the PolNeAR train cue list (most frequent cue
# lemmas first) and the usual English reporting-verb lists.
SPEECH = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "note",
        "explain",
        "claim",
        "argue",
        "insist",
        "warn",
        "acknowledge",
        "admit",
        "report",
        "announce",
        "write",
        "tweet",
        "declare",
        "reply",
        "respond",
        "ask",
        "suggest",
        "predict",
        "promise",
        "vow",
        "deny",
        "confirm",
        "reiterate",
        "stress",
        "emphasize",
        "emphasise",
        "contend",
        "assert",
        "maintain",
        "recall",
        "complain",
        "concede",
        "testify",
        "allege",
        "estimate",
        "observe",
        "remark",
        "repeat",
        "counter",
        "retort",
        "caution",
        "charge",
        "boast",
        "joke",
        "quip",
        "accuse",
        "praise",
        "criticize",
        "criticise",
        "comment",
        "describe",
        "indicate",
        "reveal",
        "conclude",
        "argue",
        "urge",
        "demand",
        "question",
        "wonder",
        "propose",
        "announce",
        "insist",
        "disclose",
        "inform",
        "assure",
        "brag",
        "lament",
        "speculate",
        "mention",
        "acknowledge",
        "proclaim",
        "signal",
        "pledge",
        "threaten",
        "blame",
        "call",
        "continue",
        "answer",
        "point",
        "posit",
        "opine",
        "muse",
        "tout",
        "shout",
        "yell",
        "chant",
        "scream",
        "exclaim",
        "whisper",
        "mutter",
        "grouse",
    ]
)
SPEECH = SPEECH | frozenset(["bark", "sing", "interject", "snap", "gush", "rage", "marvel", "scoff"])
# Attitude verbs: the source commits to the content without saying it out loud.
ATTITUDE = frozenset(
    [
        "believe",
        "think",
        "feel",
        "know",
        "fear",
        "worry",
        "hope",
        "expect",
        "doubt",
        "suspect",
        "agree",
        "recognize",
        "recognise",
        "understand",
        "learn",
        "find",
        "show",
        "suggest",
        "consider",
        "realize",
        "realise",
        "imagine",
        "guess",
        "assume",
        "acknowledge",
    ]
)
# Intention verbs: the content is an infinitive (``xcomp``): "wants to run".
INTENTION = frozenset(
    ["want", "plan", "intend", "hope", "promise", "vow", "refuse", "threaten", "pledge", "seek", "aim", "vow"]
    # Verbs that were PolNeAR cues >= 40% of the time they occurred in 120 train articles
    # ("hop" is the small model's lemma of "hopes").
    + ["decline", "hop", "promote", "advocate", "encourage", "commit", "apologize"]
)
# More PolNeAR-train cue verbs (same criterion) whose content is a noun phrase or clause.
_TRAIN_CUES = frozenset(
    ["reference", "voice", "remind", "portray", "imply", "refer", "express", "recite", "disavow", "echo"]
    # Left out although PolNeAR marks them: acts, not statements ("signed the bill",
    # "issued a ban", "named a running mate", "listed", "celebrated", "remembered", "projected").
)
# Speech and belief nouns: "Trump's claim that ...", "the senator's warning that ...".
CUE_NOUNS = frozenset(
    ["claim", "statement", "assertion", "accusation", "suggestion", "argument", "warning", "promise"]
    + ["pledge", "admission", "belief", "view", "fear", "hope", "insistence", "allegation", "charge"]
    + ["announcement", "prediction", "contention", "assurance", "threat", "vow", "comment", "remark"]
)
# Verbs whose reported content is a noun phrase ("announced plans to sue", "called for a ban").
NOMINAL = frozenset(
    [
        "announce",
        "call",
        "cite",
        "endorse",
        "propose",
        "criticize",
        "criticise",
        "reject",
        "deny",
        "dismiss",
        "denounce",
        "blast",
        "discuss",
        "accuse",
        "praise",
        "defend",
        "support",
        "oppose",
        "question",
        "demand",
        "urge",
        "show",
        "reveal",
        "predict",
        "promise",
        "recommend",
        "blame",
        "slam",
        "attack",
        "mock",
        "tout",
        "highlight",
        "admit",
        "confirm",
        "describe",
        "insist",
    ]
)
NOMINAL = NOMINAL | _TRAIN_CUES
CUES = SPEECH | ATTITUDE | INTENTION | NOMINAL
