"""The error catalogue: every code has Dutch and English with the same placeholders, and every raise uses one."""

import ast
import string

import pytest

from companion.core import errors
from companion.core.config import PROJECT_ROOT
from companion.core.error_texts import MESSAGES, language_from_header, render
from companion.core.errors import CompanionError, Invalid, TooLarge

ROOT = PROJECT_ROOT / "companion"
ERROR_CLASSES = {name for name, obj in vars(errors).items()
                 if isinstance(obj, type) and issubclass(obj, CompanionError)}


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def error_calls() -> list[tuple[str, ast.Call]]:
    """Every construction of a domain error in companion/, as (where, call)."""
    calls = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in ERROR_CLASSES:
                    calls.append((f"{path.relative_to(ROOT.parent)}:{node.lineno}", node))
    return calls


def test_every_code_has_dutch_and_english_with_the_same_placeholders():
    for code, templates in MESSAGES.items():
        assert code.isidentifier() and code == code.lower(), code  # snake_case, stable
        assert set(templates) == {"en", "nl"}, code
        assert templates["en"].strip() and templates["nl"].strip(), code
        assert templates["nl"] != templates["en"], code  # really translated
        assert placeholders(templates["nl"]) == placeholders(templates["en"]), code
        assert all(p.isidentifier() for p in placeholders(templates["en"])), code  # named, no {0} or {}


def test_every_error_raised_uses_a_registered_code_with_its_params():
    calls = error_calls()
    assert len(calls) >= 38, "the scan should find all raise sites"
    for where, call in calls:
        assert call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str), (
            f"{where}: the first argument must be a literal code")
        assert len(call.args) == 1, f"{where}: params go by name"
        code = call.args[0].value
        assert code in MESSAGES, f"{where}: code {code!r} is not in companion/messages.py"
        names = {kw.arg for kw in call.keywords}
        assert None not in names, f"{where}: no **params, name each one"
        assert names == placeholders(MESSAGES[code]["en"]), f"{where}: params of {code!r}"


def test_every_registered_code_is_used():
    used = {call.args[0].value for _, call in error_calls()}
    assert set(MESSAGES) - used == set()


def test_the_message_is_english_and_the_text_any_language():
    exc = TooLarge("message_too_long", max_chars=4000)
    assert str(exc) == exc.message == "Your message is longer than 4000 characters."
    assert exc.text("nl") == "Je bericht is langer dan 4000 tekens."
    assert exc.text("fr") == exc.message
    assert (exc.code, exc.params, exc.status) == ("message_too_long", {"max_chars": 4000}, 413)


def test_dutch_a_professional_finds_normal():
    assert render("message_empty", "nl") == "Je bericht is leeg."
    assert render("wrong_credentials", "nl") == "Gebruikersnaam of wachtwoord klopt niet."
    assert render("token_expired", "nl") == "Je sessie is verlopen; log opnieuw in."
    assert render("knowledge_unsupported_type", "nl", {"suffix": ".exe", "formats": ".md, .pdf"}) == (
        "Dit bestandstype wordt niet ondersteund (.exe); upload een van: .md, .pdf.")
    for code, templates in MESSAGES.items():
        assert templates["nl"][0].isupper() and templates["nl"].endswith("."), code  # whole sentences


def test_a_bad_code_or_param_never_raises_on_the_error_path():
    assert render("no_such_code", "nl") == "no_such_code"
    assert Invalid("message_too_long").message == MESSAGES["message_too_long"]["en"]


@pytest.mark.parametrize(("header", "language"), [
    ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
    ("nl", "nl"),
    ("NL-be", "nl"),
    ("en-GB,en;q=0.9,nl;q=0.8", "en"),
    ("de-DE,de;q=0.9,nl;q=0.7,en;q=0.5", "nl"),
    ("en;q=0.5, nl", "nl"),
    ("nl;q=0, en", "en"),
    ("fr-FR", "en"),
    ("*", "en"),
    ("", "en"),
    (None, "en"),
    ("nl;q=abc", "en"),
])
def test_language_from_accept_language(header, language):
    assert language_from_header(header) == language
