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
                "krijg": "krijgt", "leer": "leert", "snap": "snapt", "begrijp": "begrijpt", "besef": "beseft",
                "begeleid": "begeleidt", "help": "helpt", "bel": "belt", "stuur": "stuurt", "schrijf": "schrijft",
                "lees": "leest", "meld": "meldt", "leid": "leidt", "bied": "biedt", "volg": "volgt", "kom": "komt",
                "bespreek": "bespreekt", "vertrouw": "vertrouwt", "hoop": "hoopt", "mis": "mist"}
NL_SEPARABLE = ("terug", "samen", "door", "mee", "aan", "uit", "bij", "op", "af", "na", "in", "toe", "weg")
# "de bel", "een hoop": after these a word is a noun, not the verb of "dat ik ..."
NL_NOUN_BEFORE = {"de", "het", "een", "mijn", "m'n", "zijn", "haar", "hun", "onze", "ons", "die", "deze", "dit",
                  "geen", "elke", "iedere"}
NL_ALSO_NOUN = {"bel", "hoop", "kom", "mis", "help"}
# "dat ik begeleid word": then the word after "ik" is a participle, not a verb that takes -t
NL_AUXILIARY = {"word", "ben", "heb", "werd", "was", "had", "wordt"}
NL_SUBORDINATORS = {"dat", "als", "omdat", "of", "wanneer", "toen", "terwijl", "zodat", "voordat", "nadat", "die",
                    "wat", "waar", "hoe", "waarom", "zodra"}
NL_STEMS = set("""
denk voel merk zie hoop probeer twijfel maak blijf vraag zeg loop krijg werk erger schaam baal leer kies neem
besef realiseer snap begrijp vergeet herken vertel praat luister wacht geef kijk zoek schrik reageer stop
bespreek plan oefen ervaar weet wil heb ben kan zal ga doe sta sla mag moet vind word houd hou zit
begeleid help bel stuur schrijf lees regel zorg meld leid antwoord bied deel volg train bewaak controleer noteer
verwacht gebruik lever leg zet pak kom breng lig vertrouw mis hoor
""".split())

EN_PRONOUNS = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
               "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we": "you", "us": "you", "our": "your",
               "ours": "yours", "ourselves": "yourselves", "we're": "you're", "we've": "you've"}
_EN_I = {"i", "i'm", "i've", "i'd", "i'll"}  # capitalised mid-sentence, unlike "you"
EN_AFTER_I = {"am": "are", "was": "were", "wasn't": "weren't"}
EN_INVERTED = {"am": "are", "was": "were"}  # "was I" → "were you"


def _case(original: str, new: str) -> str:
    return new[:1].upper() + new[1:] if original[:1].isupper() else new


def _subclause_verb(word: str) -> str | None:
    """The "je" form of a verb that ends a clause: "heb" → "hebt", and with a separable prefix "terugbel" →
    "terugbelt"."""
    if word in NL_SUBCLAUSE:
        return NL_SUBCLAUSE[word]
    prefix = next((p for p in NL_SEPARABLE if word.startswith(p) and word[len(p):] in NL_SUBCLAUSE), None)
    return prefix + NL_SUBCLAUSE[word[len(prefix):]] if prefix else None


def _participle(tokens: list[str], words: list[int], n: int) -> bool:
    """Whether word n is a participle before an auxiliary ("dat ik begeleid word"), not a verb taking -t."""
    return n + 1 < len(words) and tokens[words[n + 1]].lower() in NL_AUXILIARY


def _dutch(tokens: list[str]) -> list[str]:
    words = [i for i, t in enumerate(tokens) if t[:1].isalpha()]
    out = list(tokens)
    subclause = False  # inside "dat ik ...", waiting for its verb
    for n, i in enumerate(words):
        low = tokens[i].lower().replace("’", "'")
        if n > 0 and re.search(r"[,.;:!?]", tokens[i - 1]):
            subclause = False
        before = tokens[words[n - 1]].lower().replace("’", "'") if n > 0 else ""
        verb = _subclause_verb(low)
        if subclause and verb and before != "ik" and not (low in NL_ALSO_NOUN and before in NL_NOUN_BEFORE):
            out[i] = _case(tokens[i], verb)
            subclause = False
        if low == "ik" and n > 0 and tokens[words[n - 1]].lower() in NL_SUBORDINATORS:
            subclause = True
        if low == "ik":
            if n + 1 < len(words):  # "ik denk" → "je denkt"
                j = words[n + 1]
                verb = tokens[j].lower()
                if verb in NL_IRREGULAR:
                    out[j] = _case(tokens[j], NL_IRREGULAR[verb])
                elif verb in NL_STEMS and not verb.endswith("t") and not _participle(tokens, words, n + 1):
                    out[j] = _case(tokens[j], verb + "t")  # "ik begeleid" → "je begeleidt", "ik meld" → "je meldt"
                elif subclause and _subclause_verb(verb) and not _participle(tokens, words, n + 1):
                    # "dat ik terugbel" → "dat je terugbelt"
                    out[j] = _case(tokens[j], _subclause_verb(verb))
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
