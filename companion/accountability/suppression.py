"""Small-group suppression for aggregates: no cell about fewer than K people, and no way to get one by subtraction.

Every aggregate cell is computed over a set of people (its contributors). A cell is suppressed when that set is
smaller than K (primary suppression). Because an admin sees several cells at once (the organisation, each team,
each trajectory cohort), a shown cell minus the shown cells nested inside it could still single out fewer than K
people: then the smallest nested cell is suppressed too (secondary suppression), until no such difference is left.
"""

from __future__ import annotations

from collections.abc import Mapping

K = 5  # the smallest group an aggregate may describe

TOO_SMALL = "too_small"  # the cell itself describes fewer than K people
DIFFERENCING = "differencing"  # shown, it would let a smaller group be computed by subtraction


def suppressed_cells(groups: Mapping[str, frozenset[int] | set[int]], k: int = K) -> dict[str, str]:
    """Which cells to hide and why: {cell key: TOO_SMALL or DIFFERENCING}; the cells not listed may be shown.

    `groups` maps each cell shown side by side to the people it is computed over. An empty cell (nobody) is shown:
    it says nothing about anyone.
    """
    hidden: dict[str, str] = {key: TOO_SMALL for key, members in groups.items() if 0 < len(members) < k}
    changed = True
    while changed:
        changed = False
        shown = {key: set(members) for key, members in groups.items() if key not in hidden and members}
        for outer, outer_set in shown.items():
            nested = [key for key, members in shown.items() if key != outer and members < outer_set]
            union: set[int] = set().union(*(shown[key] for key in nested)) if nested else set()
            # one nested cell, or the union of all nested cells, subtracted from the outer cell
            leftovers = [(outer_set - shown[key], key) for key in nested] + [(outer_set - union, None)]
            for rest, culprit in leftovers:
                if 0 < len(rest) < k and nested:
                    victim = culprit or min(nested, key=lambda key: (len(shown[key]), key))
                    hidden[victim] = DIFFERENCING
                    changed = True
                    break
            if changed:
                break
    return hidden
