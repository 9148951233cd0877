"""How the offline guide answers like a coach: it names a feeling, reflects content in the person's own words
(turned to "je"/"you"), says in one sentence where the conversation goes next, and never echoes non-content.

Every text comes from the question banks (prompts/questions/_common.<language>.yaml); the variants rotate so
the same acknowledgement never comes twice in a row.
"""

from __future__ import annotations

import re
from typing import Any

from companion.llm import prompt_files
from companion.reflection import second_person
from companion.reflection.cycles import Cycle
from companion.reflection.slot_reading import sentences, substantive

REFLECT_MAX_WORDS = 16  # longer than this, a reflection starts to sound like a recording
SUMMARY_MAX_WORDS = 20
RECENT_VARIANTS = 4  # a variant comes back only after this many others of its kind (when there are as many)
SAID_BACK_KEPT = 8  # the reflections a summary does not say again
RECENT_MAX_WORDS = 10  # of the message just sent, a summary holds a short clause at most: no echo
_CLAUSE = re.compile(r"\s*(?:[,;:]|\b(?:en|maar|omdat|want|and|but|because|so)\b)\s*", re.IGNORECASE)
_SUBJECT_NL = re.compile(r"\b(ik|mezelf|mijzelf)\b", re.IGNORECASE)
_SUBJECT_EN = re.compile(r"\b(i|myself|i'm|i’m|made me|left me)\b", re.IGNORECASE)
_FEELING_CLAUSE = re.compile(r"\s*(?:[,;:.!?]|\b(?:en|maar|omdat|want|dat|and|but|because|so|that)\b)\s*",
                             re.IGNORECASE)
_THIRD = re.compile(r"\b(hij|zij|ze|hem|hun|de ander|he|she|they|him|them|the other|"
                    r"(de|mijn|onze|een|die|the|my|our|a|that) (collega|klant|cliënt|patiënt|leidinggevende|manager|"
                    r"ouder|moeder|vader|leerling|bewoner|chef|planner|arts|dokter|teamleider|colleague|client|"
                    r"patient|customer|parent|mother|father|student|resident|doctor|nurse|boss|mentor|guest|gast))\b",
                    re.IGNORECASE)
# "ze is denk ik bang": an aside, not the person as the subject of the feeling
_ASIDE = re.compile(r"\b(denk|dacht|geloof|vermoed) ik\b|\bvolgens mij\b|\bi (think|guess|believe|suppose)\b",
                    re.IGNORECASE)
_DENIED = re.compile(r"\b(niet|geen|nooit|not|never|no longer|niet meer)\s+(\w+\s+)?$", re.IGNORECASE)
# Sentence openers that are not names: lowercase them inside a reflection ("Bij de overdracht" → "bij de ...").
_OPENERS = set("""
de het een ik je mijn bij tijdens toen in op na voor door met over onder tussen gisteren vandaag vanochtend
vanmiddag vanavond vorige afgelopen laatst eergisteren dat die dit deze er daar hier we wij ze zij hij
the a an i my at during when in on after before with yesterday today this that there we they he she last
wat what uiteindelijk eventually afterwards achteraf daarna misschien maybe you your je jij jouw jullie
morgen straks nu nou zaterdag zondag maandag dinsdag woensdag donderdag vrijdag heb had was moest kreeg ging
werd kon wou wilde zat stond deed zei vond voelde dacht liep kwam
it its now tonight tomorrow then there this these those his her their our everyone nobody someone
""".split())
# Turned to "je", some ideas sound like the guide's advice ("je zou ...", "you should ..."): not said back.
_SOUNDS_LIKE_ADVICE = re.compile(r"\b(je zou|je moet|je kunt beter|je kan beter|probeer eens|zorg (dat|ervoor)|"
                                 r"you should|you need to|you have to|you could try|try to|make sure)\b",
                                 re.IGNORECASE)
# Not something to say back: not knowing, apologies, bare yes/no ("weet ik niet precies wat hij wou" is no content).
_NOT_CONTENT = re.compile(r"^\W*(weet (ik )?(het )?niet|ik weet (het )?niet|geen idee|sorry|ja|nee|oké?|i (really )?"
                          r"(don'?t|do not) know|not sure|no idea|idk|yes|no|okay|ok)\b", re.IGNORECASE)


def pick(options: list[str], state: dict[str, Any], key: str) -> str:
    """One of the variants, none of the ones used the last few times for this key (all but one of them)."""
    if not options:
        return ""
    used = state.setdefault("variants", {})
    last = used.get(key)
    recent = [last] if isinstance(last, int) else list(last or [])  # an int: saved before recent ones were kept
    recent = recent[-(len(options) - 1):] if len(options) > 1 else []
    n = (state.get("seed", 0) + state.get("turns", 0) + len(key)) % len(options)
    while n in recent:
        n = (n + 1) % len(options)
    used[key] = [*recent, n][-RECENT_VARIANTS:]
    return options[n]


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _no_question(text: str) -> str:
    return re.sub(r"\s*\?+", "", text).strip()


def _sentences(text: str) -> list[str]:
    return sentences(text)


def _lower_opening(text: str) -> str:
    first = re.split(r"['’]", text.split(" ", 1)[0])[0]
    return text[:1].lower() + text[1:] if first.lower().strip(",.") in _OPENERS else text


def say_back(text: str, language: str, limit: int = REFLECT_MAX_WORDS) -> str | None:
    """A sentence of the person's, turned to the second person, short enough to say back; else None."""
    for sentence in _sentences(text):
        if _NOT_CONTENT.search(sentence):
            continue
        clean = _no_question(sentence).rstrip(".!… ").strip("\"“”‘’' ")
        words = clean.split()
        if len(words) > limit:  # try its first clause: a thought of its own, not a clipped fragment
            clause = _CLAUSE.split(clean, maxsplit=1)[0].strip()
            words = clause.split()
            clean = clause if 4 <= len(words) <= limit else ""
        said = second_person.convert(clean, language) if len(words) >= 3 and clean else ""
        if said and not _SOUNDS_LIKE_ADVICE.search(said):
            return _lower_opening(said)
    return None


def own_feelings(cycle: Cycle, text: str) -> list[str]:
    """The feelings the person names as their own ("ik voelde me boos", "I was frustrated"), as a coach says them.

    A feeling after another subject ("ik denk dat ze bang is") or denied ("I'm not hurt") is not theirs.
    """
    subject = _SUBJECT_EN if cycle.language == "en" else _SUBJECT_NL
    found: list[str] = []
    own = False
    for clause in _FEELING_CLAUSE.split(_ASIDE.sub(" ", text or "")):
        if subject.search(clause):
            own = True
        elif _THIRD.search(clause) or len(clause.split()) > 3:
            own = False  # a new subject, or a clause of its own without "ik": no longer about the person
        if not own:
            continue
        for pattern, name in cycle.feelings:
            match = pattern.search(clause)
            if not match or name in found:
                continue
            before = clause[:match.start()]
            mine = [m.end() for m in subject.finditer(before)]
            theirs = [m.end() for m in _THIRD.finditer(before)]
            if _DENIED.search(before) or (theirs and (not mine or max(theirs) > max(mine))):
                continue
            found.append(name)
    return found[:2]


def _join(items: list[str], language: str) -> str:
    word = " and " if language == "en" else " en "
    return word.join(items)


def acknowledgement(cycle: Cycle, state: dict[str, Any], content: str, kinds: set[str], reflect: bool = True) -> str:
    """One short sentence that fits what was said: a feeling, an insight, an idea, a plan, or a fact.

    Non-content ("ja", "weet ik niet") gets none; with `reflect` False (a summary follows) a fact gets none either.
    """
    if not content.strip() or not substantive(cycle, content):
        return ""
    texts = cycle.texts
    feelings = own_feelings(cycle, content)
    if feelings:
        template = pick(texts["acknowledge_feeling"], state, "feeling")
        return capitalise(prompt_files.render(template, feeling=_join(feelings, cycle.language)))
    if "feeling" in kinds:  # a feeling said in other words than the ones the guide can name
        return pick(texts["acknowledge_felt"], state, "felt")
    for kind in ("plan", "idea", "insight"):
        if kind in kinds:
            return pick(texts[f"acknowledge_{kind}"], state, kind)
    if not reflect:
        return ""
    reflection = say_back(content, cycle.language) if state.get("turns", 0) % 2 == 1 else None
    if reflection:  # every other turn at most: a coach reflects, a recorder repeats
        state["said_back"] = [*state.get("said_back", []), reflection][-SAID_BACK_KEPT:]
        return capitalise(prompt_files.render(pick(texts["reflect"], state, "reflect"), reflection=reflection))
    return pick(texts["acknowledge"], state, "plain")


def summary(cycle: Cycle, state: dict[str, Any], phase_id: str) -> str | None:
    """Two things said in a phase over more than one turn, in the person's own words turned to "je".

    None when this turn said nothing in that phase (a summary would repeat something said turns ago), and when
    it was all said in this turn: saying back the message just sent is an echo, not a summary. What was said
    earlier comes first; of this turn a short clause of a longer sentence at most.
    """
    recent = state.get("filled", [])
    slots = [s for s in cycle.phase(phase_id).slots if s.key in state["slots"]]
    if not any(s.key in recent for s in slots):
        return None
    earlier = [_said(cycle, state, s.key, 0, SUMMARY_MAX_WORDS) for s in slots if s.key not in recent]
    earlier = [t for t in earlier if t not in state.get("said_back", [])]  # reflected then: not again now
    now = [_said(cycle, state, s.key, -1, RECENT_MAX_WORDS, clipped=True) for s in slots if s.key in recent]
    earlier, now = [t for t in earlier if t], [t for t in now if t]
    if not earlier:
        return None
    parts = [earlier[0]]
    for text in now[:1] + earlier[1:]:
        if text not in parts and len(" ".join(parts + [text]).split()) <= SUMMARY_MAX_WORDS:
            parts.append(text)
            break
    if len(parts) < 2:
        return None  # one thing is no summary
    return capitalise(_join([parts[0]] + [_lower_opening(p) for p in parts[1:]], cycle.language))


def _said(cycle: Cycle, state: dict[str, Any], key: str, which: int, limit: int,
          clipped: bool = False) -> str | None:
    """A sentence of a slot's answer (the first, or with -1 the last: this turn's) said back, or None; `clipped`:
    only a clause of it, since the whole of what was just said, said back, is an echo."""
    sentences = _sentences(state["slots"][key].replace("\n", " "))
    said = say_back(sentences[which], cycle.language, limit=limit) if sentences else None
    if said and clipped and len(said.split()) > len(sentences[which].split()) * 3 // 4:
        return None
    return said


def repeats(acknowledgement: str, move: str, cycle: Cycle | None = None) -> bool:
    """Whether the move sentence already says what the acknowledgement says: a content word, or the same feeling
    in other words ("je voelde je beschaamd" and "je schaamde je kapot")."""
    def content(text: str) -> set[str]:  # words of five letters and more, by their first six ("concreet(er)")
        return {w[:6] for w in re.findall(r"[^\W\d_]{5,}", text.lower())}
    if content(acknowledgement) & content(move):
        return True
    for pattern, name in cycle.feelings if cycle else []:
        if not (pattern.search(acknowledgement) or re.search(rf"\b{re.escape(name)}\b", acknowledgement, re.I)):
            continue
        said = second_person.convert(pattern.pattern, cycle.language)  # "schaamde me" as the move says it
        if pattern.search(move) or re.search(said, move, re.IGNORECASE):
            return True
    return False


def bridge(cycle: Cycle, phase_id: str) -> str:
    """The plain sentence that moves the conversation to a phase (the bank's `bridge`), never its label."""
    return cycle.phase(phase_id).bridge


def _fill(template: str, said: str, to: str) -> str:
    """The move sentence: the summary and the bridge in lower case where the template goes on mid-sentence."""
    lead = template.split("{bridge}")[0].rstrip()
    to = to if not lead or lead.endswith((".", "!", "?")) else to[:1].lower() + to[1:]
    return capitalise(prompt_files.render(template, summary=_lower_opening(said), bridge=to)).strip()


def phase_move(cycle: Cycle, state: dict[str, Any], left: str | None, opens: bool = True) -> str:
    """The sentence said when the conversation moves on: where it goes next in plain words, after a summary of the
    phase left when there is something to condense (said over more than one turn, not said back before).

    After an acknowledgement (`opens` False) the bridge comes as it is: "Goed, ..." there would be filler.
    """
    to = bridge(cycle, state["phase"])
    said = summary(cycle, state, left) if left else None
    earlier = state.setdefault("summaries", [])
    if said in earlier:
        said = None  # said back once already: a second time sounds like a recording
    if said:
        earlier.append(said)
        if _lower_opening(said)[:1].isupper():  # a name, or a word to keep as written: it opens the sentence
            return f"{said}. {to}"
        return _fill(pick(cycle.texts["phase_move"], state, "summary"), said, to)
    return _fill(pick(cycle.texts["phase_done"], state, "move") if opens else "{bridge}", "", to)
