"""The judging heuristics of `companion bench dialogue`: plain word lists and patterns, no model.

They are deliberately the benchmark's own (not the product's language detection or request parsing), so the
yardstick does not move when the engine changes. Each judges one reply or one message.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Function words that are (almost) only Dutch or only English; words both languages use ("in", "is", "we",
# "was", "had", "over", "of", "die", "me", "so") are left out on purpose.
NL_WORDS = frozenset("""
de het een en van ik je jij jou jouw niet dat wat er op te met voor maar ook zijn ben bent heb hebt heeft hebben
naar bij dan nog wel geen mijn mn zn haar hij zij ze wij jullie hoe waarom wie waar als kan kun kunt moet moest
wil wilt zou zouden dit deze daar hier al weer echt gewoon eigenlijk denk weet vind voelde werd wordt worden niks
niets iets meer heel zo toen nu hem hun ons onze uw dus omdat zich alles elke ja nee idee goed keer misschien
helemaal mag even waren doen doet deed gaat ging gaan wordt nou zeg zegt zei wat welke vraag zelf ander andere
volgende morgen vandaag gisteren gister straks
""".split())
EN_WORDS = frozenset("""
the a and i you your it it's its that this what not are have has be been my his her he she they them their how
why who where if or can could should would will do does did don't dont i'm im at by from about just then now too
our very really think know feel felt like yes no any some more with for but also there here when which want
wanted went said says say tell told next time let's that's what's you're i'll i'd i've he's she's they're
idk dunno sure maybe because something nothing anything other own question tomorrow today yesterday
""".split())

DONT_KNOW = ("weet ik niet", "weet niet", "geen idee", "ik weet het niet", "weet ik veel", "geen flauw idee",
             "i don't know", "i dont know", "idk", "dunno", "not sure", "no idea", "i do not know")
# a message that carries no content of its own: quoting it back is an echo, not listening
NON_CONTENT = frozenset(("ja", "nee", "ok", "oké", "okay", "oke", "jup", "klopt", "prima", "yes", "no", "yeah",
                         "yep", "sure", "fine", "right", "hmm", "weet ik niet", "weet niet", "geen idee",
                         "ik weet het niet", "weet ik veel", "i don't know", "i dont know", "idk", "dunno",
                         "not sure", "no idea", "i do not know"))

REQUEST_PATTERNS = (
    r"\bwat (moet|kan|zou) ik\b", r"\bwat zou (jij|je) doen\b", r"\bwat raad (je|jij)\b", r"\bwat vind jij\b",
    r"\bheb je (tips|advies|een tip)\b", r"\bwat is (wijsheid|verstandig)\b", r"\bzeg (jij|het) (het )?maar\b",
    r"\bhoe (pak|krijg|zeg|moet|kan) ik\b", r"\bmoet ik\b.*\?", r"\bwat zou jij\b",
    r"\bwhat (should|do|can) i\b", r"\bwhat would you\b", r"\bwhat do you think\b", r"\b(any|your) advice\b",
    r"\bshould i\b", r"\bhow (do|should|can) i\b", r"\btell me what\b", r"\bwould you (recommend|advise)\b",
)

# Phrases that show a reply heard the direct request (not that it answered it with advice).
REQUEST_ACK = {
    "nl": ("je vraagt", "je vraag", "jouw vraag", "die vraag", "vraag hoor ik", "goede vraag", "terechte vraag",
           "begrijpelijke vraag", "je wilt weten", "je wil weten",
           "wat je moet doen", "wat je het beste", "advies", "tip", "wat ik zou doen", "wat ik ervan vind",
           "wat ik vind"),
    "en": ("you ask", "you're asking", "you are asking", "your question", "that question", "good question",
           "fair question", "you want to know",
           "you'd like to know", "advice", "tips", "what to do", "what i would do", "what i think", "a tip"),
}
# Phrases that take an "I don't know" seriously instead of carrying on.
DONT_KNOW_ACK = (
    "niet erg", "geeft niet", "hoeft niet", "mag ook", "lastig", "moeilijk", "begrijpelijk", "logisch", "prima",
    "geen probleem", "weet je het niet", "weet je het nog niet", "nog niet", "even niet", "anders", "andere kant",
    "that's ok", "that's okay", "that is ok", "that's fine", "that is fine", "no problem", "doesn't have to",
    "don't have to", "hard to say", "not easy", "difficult", "understandable", "no need", "not knowing",
    "don't know yet", "another way", "differently", "different angle", "no worries",
)

# Advice or theory in a statement (in a question, "wat zou je kunnen doen?" is coaching, not lecturing).
LECTURE_MARKERS = (
    "je zou ", "je moet ", "je kunt beter", "je kan beter", "het is belangrijk", "het is goed om", "het helpt om",
    "het beste is", "het beste kun je", "mijn advies", "ik raad je", "ik adviseer", "als ik jou was",
    "probeer eens", "probeer om", "zorg dat", "zorg ervoor", "onderzoek laat zien", "uit onderzoek",
    "volgens de theorie", "het is verstandig", "een goede manier", "tip:",
    "you should", "you need to", "you have to", "you could try", "it is important", "it's important",
    "it helps to", "the best way", "the best thing", "my advice", "i recommend", "i suggest", "if i were you",
    "try to ", "make sure", "research shows", "studies show", "according to", "a good way",
)
LONG_REPLY_WORDS = 90  # a reply longer than this explains more than a coach's turn needs

# words that add nothing to a content-free answer ("weet ik niet eigenlijk" is still "weet ik niet")
FILLERS = frozenset("eigenlijk echt gewoon nou hoor ook even zo really honestly just actually um uh hmm".split())
# first person to second: an echo often turns "weet ik niet" into "weet je niet"
_FLIP = {"ik": "je", "mijn": "je", "mn": "je", "me": "je", "i": "you", "my": "your", "i'm": "you're",
         "im": "you're", "dont": "don't"}

_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|«[^»]*»|\"[^\"]*\"|(?<!\w)'[^'\n]*'(?!\w)")
_QUOTED_INNER = re.compile(r"“([^”]*)”|‘([^’]*)’|«([^»]*)»|\"([^\"]*)\"|(?<!\w)'([^'\n]*)'(?!\w)")
_WORD = re.compile(r"[a-zà-ÿ]+(?:'[a-z]+)?", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lowercase, straight apostrophes, punctuation dropped, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(_WORD.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def word_count(text: str) -> int:
    return len(text.split())


def detect_language(text: str) -> str | None:
    """"nl" or "en" by counting function words; None when they tie (too short, or no such words)."""
    tokens = words(text)
    nl = sum(t in NL_WORDS for t in tokens) + sum("ij" in t for t in tokens) * 0.5
    en = sum(t in EN_WORDS for t in tokens) + sum(t.endswith(("ing", "'t", "'s", "'m")) for t in tokens) * 0.5
    if nl == en:
        return None
    return "nl" if nl > en else "en"


def reply_language(reply: str) -> str | None:
    """The language of the companion's own words: quoted words of the person are left out first."""
    return detect_language(without_quotes(reply)) or detect_language(reply)


def opening(reply: str) -> str:
    """The reply's first statement when it is not its question: usually the acknowledgement."""
    first = re.split(r"(?<=[.!?;:])\s+", reply.strip(), maxsplit=1)[0]
    return "" if first.endswith("?") else normalize(first)


def without_quotes(text: str) -> str:
    """The reply with quoted words taken out (a quoted "did you test this?" is not the companion's question)."""
    return _QUOTED.sub(" ", text)


def question_sentences(text: str) -> list[str]:
    """The companion's own question sentences; "??" or a question ending in a quote count once."""
    return [q.strip() for q in re.findall(r"[^.!?\n]*\?+", without_quotes(text)) if q.strip(" ?")]


def statements(text: str) -> list[str]:
    """The sentences that are not questions (quotes left out)."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", without_quotes(text))
    return [p for p in parts if p.strip() and not p.strip().endswith("?")]


def lecture_markers(reply: str) -> list[str]:
    """Advice or theory markers found in the reply's statements."""
    found = []
    for sentence in statements(reply):
        low = f" {sentence.lower().replace('’', chr(39))} "
        found += [m for m in LECTURE_MARKERS if m in low]
    return found


def is_lecture(reply: str, asked: bool) -> bool:
    """A lecture: advice/theory the person did not ask for, or simply a reply too long for a coaching turn."""
    return word_count(reply) > LONG_REPLY_WORDS or (not asked and bool(lecture_markers(reply)))


def is_request(message: str) -> bool:
    """A direct request for advice ("wat moet ik doen?", "what would you do?")."""
    low = message.lower().replace("’", "'")
    return any(re.search(p, low) for p in REQUEST_PATTERNS)


def is_dont_know(message: str) -> bool:
    """A short "I don't know" (a long message that contains the words says more than that)."""
    low = normalize(message)
    return word_count(message) <= 8 and any(re.search(rf"\b{re.escape(p)}\b", low) for p in DONT_KNOW)


def is_non_content(message: str) -> bool:
    """Only "ja", "ok", "weet ik niet" and the like (filler words aside)."""
    core = " ".join(w for w in normalize(message).split() if w not in FILLERS)
    return core in NON_CONTENT


def acknowledges_request(reply: str) -> bool:
    low = reply.lower().replace("’", "'")
    return any(m in low for markers in REQUEST_ACK.values() for m in markers)


def acknowledges_dont_know(reply: str) -> bool:
    low = reply.lower().replace("’", "'")
    return any(m in low for m in DONT_KNOW_ACK)


def quotes_non_content(reply: str, message: str = "") -> bool:
    """The reply echoes a content-free answer: quoted ("Ik hoor je zeggen: “weet ik niet”"), introduced ("you say
    I don't know"), or standing as a clause of its own ("Weet je niet eigenlijk; dan gaan we …")."""
    for groups in _QUOTED_INNER.findall(reply):
        if is_non_content("".join(groups)):
            return True
    if not is_non_content(message):
        return False
    said = normalize(message)
    flipped = " ".join(_FLIP.get(w, w) for w in said.split())
    low = reply.lower().replace("’", "'")
    for echo in {said, flipped}:
        introduced = rf"\b(zeg\w*|hoor\w*|noem\w*|say\w*|hear\w*|heard)\b(\s+\w+){{0,3}}\W+{re.escape(echo)}\b"
        own_clause = rf"(^|[.;:!?]\s*){re.escape(echo)}\s*([.;:,!]|$)"
        if re.search(introduced, normalize(reply)):
            return True
        if " " in echo and re.search(own_clause, low):  # a lone "Ja," or "Oké," opening a reply is no echo
            return True
    return False


def same_question(a: str, b: str) -> bool:
    """The same or nearly the same question (a few words added or changed)."""
    na, nb = normalize(a), normalize(b)
    if not na or not nb:
        return False
    ta, tb = set(na.split()), set(nb.split())
    jaccard = len(ta & tb) / len(ta | tb)
    return na == nb or jaccard >= 0.75 or SequenceMatcher(None, na, nb).ratio() >= 0.85


def repeats_earlier(questions: list[str], earlier: list[str]) -> bool:
    """Some question of this reply was (nearly) asked before in the conversation."""
    return any(same_question(q, e) for q in questions for e in earlier)


def names_title(reply: str, title: str) -> bool:
    """The reply names an earlier situation by its title (case, quotes and punctuation ignored)."""
    return bool(normalize(title)) and normalize(title) in normalize(reply)
