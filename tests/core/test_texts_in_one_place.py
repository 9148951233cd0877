"""Every bilingual text of the server and the UI lives in one kind of place: the per-area text catalogues."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "companion"
CATALOGUES = ("core/texts/", "core/error_texts.py", "ui/texts/", "ui/i18n.py",
              "benchmarks/dialogue_measures.py")  # the bench's judging markers: a yardstick, not product text
LANGUAGES = {"nl", "en"}


def bilingual_dicts(tree: ast.AST) -> list[int]:
    """Lines of a {"nl": ..., "en": ...} literal or a dict(nl=..., en=...) call."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            keys = {kw.arg for kw in node.keywords}
        else:
            continue
        if LANGUAGES <= keys:
            lines.append(node.lineno)
    return lines


def test_no_module_outside_the_catalogues_holds_a_dutch_and_english_text():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        if where.startswith(CATALOGUES):
            continue
        found += [f"companion/{where}:{line}" for line in bilingual_dicts(ast.parse(path.read_text("utf-8")))]
    assert found == [], "move these texts to companion/core/texts/<area>.py or companion/ui/texts/<area>.py"


def test_the_scan_finds_a_bilingual_text():
    assert bilingual_dicts(ast.parse('LABEL = {"nl": "Gesprek", "en": "Conversation"}')) == [1]
    assert bilingual_dicts(ast.parse('LABEL = dict(nl="Gesprek", en="Conversation")')) == [1]
    assert bilingual_dicts(ast.parse('SIZES = {"nl": 3, "de": 4}')) == []
