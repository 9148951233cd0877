"""Which language a message is written in (Dutch or English), from the function words it uses.

Function words are frequent, short and differ between the two languages, so a handful of them decides even a
short message; names, jargon and loanwords ("deadline", "team", "planning") do not count. A message with too
few of them, or as many of one language as of the other, says nothing: the conversation keeps its language.
"""

from __future__ import annotations

import re

DUTCH = frozenset("""
ik je jij jou jouw u uw mijn mij me we wij ons onze jullie hij zij ze hem haar hun het de een een en of maar
want dus omdat als toen dan dat die dit deze wat wie waar waarom hoe welke niet geen wel ook nog al heel erg echt
eigenlijk gewoon misschien toch zo zou zal kan kon kunnen moet moest moeten mag wil wilde wou wilden heb
hebt heeft hebben had hadden ben bent zijn waren werd wordt worden word doe doet deed gaat ging ga weet wist zei
zeg zegt vond vind denk dacht voelde voel met van voor naar bij over uit aan door tegen zonder na tot om te er
hier daar nu straks vandaag gisteren morgen iets niets iemand niemand alles veel weinig meer minder ja nee
sla stoppen helpt idee boos klant collega collega's gesprek dienst leidinggevende
""".split())

ENGLISH = frozenset("""
i you your yours my mine me we us our they them their he him his she her it its the a an and or but because
so if when then that this these those what who where why how which not no don't didn't doesn't can't won't
isn't wasn't i'm i've i'd it's that's also too still very really actually just maybe perhaps would will
could can should must may might want wanted have has had am are were been being do does did going went know
knew said say says think thought felt feel with of for to from at about out into over without after until
there here now today yesterday tomorrow something nothing someone nobody everything much many more less yes
helping idea sure angry client colleague colleagues meeting shift manager's
""".split())

_WORD = re.compile(r"[a-zà-ÿ]+(?:['’][a-z]+)?", re.IGNORECASE)
MIN_HITS = 2  # fewer function words than this: too short to tell
MARGIN = 2.0  # the winner needs at least this many times the loser's count


def counts(text: str) -> tuple[int, int]:
    """(Dutch, English) function words in the text; a word both languages share counts for neither."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text or "")]
    nl = sum(1 for w in words if w in DUTCH and w not in ENGLISH)
    en = sum(1 for w in words if w in ENGLISH and w not in DUTCH)
    return nl, en


def detect(text: str) -> str | None:
    """"nl" or "en" when the message clearly is one of them; None when it is too short or mixed to tell."""
    nl, en = counts(text)
    if max(nl, en) < MIN_HITS:
        return None
    if nl >= MARGIN * en and nl > en:
        return "nl"
    if en >= MARGIN * nl and en > nl:
        return "en"
    return None


def message_language(text: str, current: str) -> str:
    """The language to answer this message in: the one it is written in, else the conversation's current one."""
    return detect(text) or current
