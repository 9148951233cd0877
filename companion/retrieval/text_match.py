"""Cheap lexical evidence that two texts are about the same thing (Dutch and English)."""

from __future__ import annotations

import re

STOPWORDS = set("""
aan al alle als andere bij daar dan dat de deze die dit doen door een eens en er ervan geen had heb hebben heeft
het hier hij hoe hun iemand iets ik in is je jij kan kon maar me meer mij mijn met na naar niet niets nog nu of om
onder ons ook op over reeds te tegen toch toen tot u uit van veel voor want waren was wat we wel werd wie wij wil
worden zal ze zei zelf zich zij zijn zo zonder zou eigenlijk gewoon heel echt even steeds omdat iedereen elkaar
about after again all also and any are because been before being but can could did does doing during each from
further had has have having her here hers him his how into its just more most once only other our out over own same
she should some such than that the their them then there these they this those through under until very was were
what when where which while who whom why will with would you your
""".split())
PREFIX = 6  # "overdracht" ~ "overdrachten", "werkdruk" ~ "werkdrukcheck": a cheap stand-in for stemming


def content_terms(text: str) -> set[str]:
    """Longer non-stopwords, cut to a common prefix so inflections and compounds still meet."""
    words = re.findall(r"[^\W\d_]{5,}", text.lower())
    return {w[:PREFIX] for w in words if w not in STOPWORDS}


def shared_terms(a: str, b: str) -> set[str]:
    return content_terms(a) & content_terms(b)
