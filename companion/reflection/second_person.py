"""Turn what the person said about themselves into what a coach says back: "ik voelde me" → "je voelde je".

Only pronouns, possessives and the present-tense verbs next to them change; everything else stays the person's
own words. A word after "ik" that is not a known verb ("dat ik niets zei") is left as it is.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|[^A-Za-zÀ-ÿ]+")

NL_PRONOUNS = {"ik": "je", "mij": "jou", "me": "je", "mijn": "je", "m'n": "je", "mezelf": "jezelf",
               "mijzelf": "jezelf", "wij": "jullie", "we": "jullie", "ons": "jullie", "onze": "jullie"}
# present tense after "ik" → after "je" (inverted order: "heb ik" → "heb je" needs only the irregular ones)
NL_IRREGULAR = {"ben": "bent", "heb": "hebt", "kan": "kunt", "wil": "wilt", "zal": "zult", "ga": "gaat",
                "sta": "staat", "doe": "doet", "zie": "ziet", "sla": "slaat", "mag": "mag", "moet": "moet",
                "weet": "weet", "zit": "zit", "vind": "vindt", "word": "wordt", "houd": "houdt", "hou": "houdt"}
NL_INVERTED = {"kan": "kun", "zal": "zul"}
# In a subordinate clause the verb comes last ("dat ik ook drie punten heb"): only unambiguous verbs change there.
NL_SUBCLAUSE = {"heb": "hebt", "ben": "bent", "kan": "kunt", "wil": "wilt", "zal": "zult", "word": "wordt",
                "vind": "vindt", "denk": "denkt", "voel": "voelt", "merk": "merkt", "ga": "gaat", "doe": "doet",
                "neem": "neemt", "maak": "maakt", "zeg": "zegt", "geef": "geeft", "probeer": "probeert",
                "kies": "kiest", "blijf": "blijft", "durf": "durft", "sta": "staat", "zie": "ziet", "hoor": "hoort",
                "krijg": "krijgt", "leer": "leert", "snap": "snapt", "begrijp": "begrijpt", "besef": "beseft"}
NL_SUBORDINATORS = {"dat", "als", "omdat", "of", "wanneer", "toen", "terwijl", "zodat", "voordat", "nadat", "die",
                    "wat", "waar", "hoe", "waarom", "zodra"}
NL_STEMS = set("""
denk voel merk zie hoop probeer twijfel maak blijf vraag zeg loop krijg werk erger schaam baal leer kies neem
besef realiseer snap begrijp vergeet herken vertel praat luister wacht geef kijk zoek schrik reageer stop
bespreek plan oefen ervaar weet wil heb ben kan zal ga doe sta sla mag moet vind word houd hou zit
""".split())

EN_PRONOUNS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
               "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we": "you", "us": "you", "our": "your",
               "ours": "yours", "ourselves": "yourselves", "we're": "you're", "we've": "you've"}
_EN_I = {"i", "i'm", "i've", "i'd", "i'll"}  # capitalised mid-sentence, unlike "you"
EN_AFTER_I = {"am": "are", "was": "were", "wasn't": "weren't"}
EN_INVERTED = {"am": "are", "was": "were"}  # "was I" → "were you"


def _case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


def _dutch(tokens: list[str]) -> list[str]:
    words = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    out = list(tokens)
    subclause = False  # inside "dat ik ...", waiting for its verb
    for n, i in enumerate(words):
        low = tokens[i].lower().replace("’", "'")
        if n > 0 and re.search(r"[,.;:!?]", tokens[i - 1]):
            subclause = False
        if subclause and low in NL_SUBCLAUSE and tokens[words[n - 1]].lower() != "ik":
            out[i] = _case(tokens[i], NL_SUBCLAUSE[low])
            subclause = False
        if low == "ik" and n > 0 and tokens[words[n - 1]].lower() in NL_SUBORDINATORS:
            subclause = True
        if low == "ik":
            if n + 1 < len(words):  # "ik denk" → "je denkt"
                j = words[n + 1]
                verb = tokens[j].lower()
                if verb in NL_IRREGULAR:
                    out[j] = _case(tokens[j], NL_IRREGULAR[verb])
                elif verb in NL_STEMS and not verb.endswith("t"):
                    out[j] = _case(tokens[j], verb + "t")
            if n > 0:  # "denk ik" → "denk je", "kan ik" → "kun je"
                j = words[n - 1]
                if tokens[j].lower() in NL_INVERTED:
                    out[j] = _case(tokens[j], NL_INVERTED[tokens[j].lower()])
        if low in NL_PRONOUNS:
            new = NL_PRONOUNS[low]
            if low == "mij" and n > 0 and tokens[words[n - 1]].lower() in {"voelde", "voel", "voelt"}:
                new = "je"  # reflexive: "voelde mij" → "voelde je"
            out[i] = _case(tokens[i], new)
    return out


def _english(tokens: list[str]) -> list[str]:
    words = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    out = list(tokens)
    for n, i in enumerate(words):
        low = tokens[i].lower().replace("’", "'")
        if low == "i" and n + 1 < len(words) and tokens[words[n + 1]].lower() in EN_AFTER_I:
            j = words[n + 1]
            out[j] = EN_AFTER_I[tokens[j].lower()]
        if low == "i" and n > 0 and tokens[words[n - 1]].lower() in EN_INVERTED:
            j = words[n - 1]
            out[j] = _case(tokens[j], EN_INVERTED[tokens[j].lower()])
        if low in EN_PRONOUNS:
            new = EN_PRONOUNS[low]
            start = n == 0 or re.search(r"[.!?]\s*$", tokens[i - 1]) is not None
            out[i] = _case(tokens[i], new) if start or low not in _EN_I else new
    return out


def convert(text: str, language: str) -> str:
    """The same words, spoken to the person instead of by them."""
    tokens = _TOKEN.findall(text or "")
    return "".join(_english(tokens) if language == "en" else _dutch(tokens))
