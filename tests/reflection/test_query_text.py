"""A turn's query vector reads a long message's opening only (its CPU grows with the tokens); short ones whole."""

from types import SimpleNamespace

from companion.reflection import turn_context
from companion.reflection.turn_context import QUERY_CHARS, query_text

LONG = "Bij de overdracht van de avonddienst praatte iedereen door elkaar en ging er informatie verloren. " * 20


def test_a_message_up_to_the_limit_is_embedded_whole():
    short = "Bij de overdracht werd ik weer afgekapt; wat kan ik daarmee?"
    assert query_text(short) == short
    assert query_text(LONG[:QUERY_CHARS]) == LONG[:QUERY_CHARS]


def test_a_long_message_is_cut_at_a_word_before_the_limit():
    cut = query_text(LONG)
    assert LONG.startswith(cut) and len(cut) <= QUERY_CHARS
    assert LONG[len(cut)] == " "  # no half word at the end
    lines = "overdracht\n" * 60  # words on lines of their own
    assert lines.startswith(query_text(lines)) and query_text(lines).endswith("overdracht")
    assert query_text("x" * (QUERY_CHARS + 50)) == "x" * QUERY_CHARS  # one endless word: cut where it must


def test_both_vectors_of_a_turn_come_from_the_cut_texts():
    asked = []

    def embed_query(text):
        asked.append(text)
        return [1.0, 0.0] if len(asked) == 1 else [0.0, 1.0]

    services = SimpleNamespace(index=SimpleNamespace(embed_query=embed_query))
    vector = turn_context.query_vector(services, LONG, "Mijn collega " + LONG)
    assert asked == [query_text(LONG), query_text("Mijn collega " + LONG)]
    assert all(len(text) <= QUERY_CHARS for text in asked)
    assert abs(sum(x * x for x in vector) - 1.0) < 1e-9  # still one normalised vector for both searches
