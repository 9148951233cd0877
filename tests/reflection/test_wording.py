"""The guide speaks like a coach: the person's words turned to "je"/"you", feelings named, no echo of non-content."""

import pytest

from companion.core.config import PROJECT_ROOT
from companion.reflection import cycle_state, cycles, llm_prompt, offline_guide, second_person, turn_plan, wording

PROMPTS = PROJECT_ROOT / "prompts"


@pytest.mark.parametrize(("said", "back"), [
    ("Ik voelde me gefrustreerd en een beetje schuldig.", "Je voelde je gefrustreerd en een beetje schuldig."),
    ("Ik heb niets gezegd en later alles zelf nagelopen.", "Je hebt niets gezegd en later alles zelf nagelopen."),
    ("Ik dacht dat het niet aan mij was om het te leiden.", "Je dacht dat het niet aan jou was om het te leiden."),
    ("Mijn collega wilde snel naar huis, denk ik.", "Je collega wilde snel naar huis, denk je."),
    ("Misschien kan ik zeggen dat ik ook drie punten heb.", "Misschien kun je zeggen dat je ook drie punten hebt."),
    ("Ik vind het lastig om nee te zeggen tegen mijn leidinggevende.",
     "Je vindt het lastig om nee te zeggen tegen je leidinggevende."),
])
def test_dutch_is_turned_to_the_second_person(said, back):
    assert second_person.convert(said, "nl") == back


@pytest.mark.parametrize(("said", "back"), [
    ("I was angry and I felt ignored by my manager.", "You were angry and you felt ignored by your manager."),
    ("Maybe I could tell the planner which weeks I can do.",
     "Maybe you could tell the planner which weeks you can do."),
    ("I'm not sure I said it well.", "You're not sure you said it well."),
])
def test_english_is_turned_to_the_second_person(said, back):
    assert second_person.convert(said, "en") == back


def test_own_feelings_are_named_and_the_others_are_not_taken_for_the_persons():
    nl = cycles.load_cycle(PROMPTS, "alact", "nl")
    assert wording.own_feelings(nl, "Ik voelde me gefrustreerd en schuldig.") == ["gefrustreerd", "schuldig"]
    assert wording.own_feelings(nl, "Ik schrok en ik ergerde me aan haar toon.") == ["geschrokken", "geïrriteerd"]
    assert wording.own_feelings(nl, "Ik zag dat mijn collega boos was.") == []
    en = cycles.load_cycle(PROMPTS, "alact", "en")
    assert wording.own_feelings(en, "I was exhausted and a bit angry with myself.") == ["tired", "angry"]
    assert wording.own_feelings(en, "She was upset and left the room.") == []


def _reply(language: str, message: str, turns: int = 0) -> str:
    cycle = cycles.load_cycle(PROMPTS, "alact", language)
    state = cycle_state.new_state(cycle)
    cycle_state.observe(cycle, state, "Gisteren liep de overdracht met mijn collega mis." if language == "nl"
                        else "Yesterday the handover with my colleague went wrong.")
    offline_guide.offline_reply(cycle, state, "", [], [])
    state["turns"] += turns
    completed = cycle_state.observe(cycle, state, message)
    return offline_guide.offline_reply(cycle, state, message, completed, [])


@pytest.mark.parametrize(("language", "message"), [
    ("nl", "weet ik niet"), ("nl", "ja"), ("nl", "nee"), ("nl", "Weet ik niet"), ("en", "I don't know"), ("en", "yes"),
])
def test_non_content_is_never_quoted(language, message):
    reply = _reply(language, message)
    assert message.lower() not in reply.lower() and "“" not in reply
    assert reply.count("?") == 1 and reply.endswith("?")


def test_a_named_feeling_gets_another_acknowledgement_than_a_fact():
    feeling = _reply("nl", "Ik voelde me echt gefrustreerd tijdens die overdracht.")
    fact = _reply("nl", "Ze zei dat de overdracht om half drie moest beginnen.")
    assert "gefrustreerd" in feeling.split("?")[0]
    assert "gefrustreerd" not in fact
    first = lambda text: text.split(". ")[0]  # noqa: E731
    assert first(feeling) != first(fact)


def test_acknowledgements_vary_from_turn_to_turn():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    state = cycle_state.new_state(cycle, seed=2)
    said = ["Bij de overdracht praatte iedereen door elkaar.", "Twee collega's en de teamleider waren er.",
            "Ik wilde dat iedereen zijn punten kon noemen.", "Ik heb toen uiteindelijk niets meer gezegd.",
            "Mijn collega wilde snel naar huis na de dienst."]
    openings = []
    for message in said:
        completed = cycle_state.observe(cycle, state, message)
        openings.append(offline_guide.offline_reply(cycle, state, message, completed, []).split(". ")[0])
    assert all(a != b for a, b in zip(openings, openings[1:], strict=False)), openings


def _turns(language: str, messages: list[str], cycle_id: str = "alact") -> tuple[list[str], dict, cycles.Cycle]:
    cycle = cycles.load_cycle(PROMPTS, cycle_id, language)
    state = cycle_state.new_state(cycle)
    replies = []
    for message in messages:
        completed = cycle_state.observe(cycle, state, message)
        replies.append(offline_guide.offline_reply(cycle, state, message, completed, []))
    return replies, state, cycle


@pytest.mark.parametrize(("language", "message"), [
    ("nl", "De chef schreeuwde gisteravond weer tegen me waar alle gasten bij waren omdat een bord terugkwam"),
    ("nl", "De ouders van een meisje dat ik begeleid komen nu voor de 3e keer niet opdagen bij een afspraak"),
    ("en", "Last night I called the doctor on call because a patient's saturation kept dropping"),
])
def test_a_move_says_where_we_go_in_plain_words_without_parroting_the_message(language, message):
    [reply], state, cycle = _turns(language, [message])
    assert state["phase"] == "looking_back"
    assert cycle.phase("looking_back").bridge in reply
    assert not any(p.label in reply for p in cycle.phases) and "fase" not in reply and "phase" not in reply
    said = second_person.convert(message, language).lower()
    assert said[:40] not in reply.lower()  # not the message just sent, said back
    assert reply.count("?") == 1 and len(reply.split()) <= 30


def test_a_move_summarises_only_what_was_said_over_more_than_one_turn():
    replies, state, cycle = _turns("nl", [
        "Gisteren liep de overdracht met mijn collega mis.",
        "Mijn collega praatte steeds door mij heen en vroeg niets.",
        "Ik zei er niets van en ben naar huis gegaan.",
        "Ik wilde dat iedereen zijn punten kon noemen, maar daar was geen tijd want de avonddienst stond klaar.",
    ])
    assert state["phase"] == "awareness"
    move = replies[-1]
    assert cycle.phase("awareness").bridge in move
    assert "je collega praatte steeds door jou heen" in move.lower()  # said two turns ago: worth condensing
    assert "je wilde dat iedereen zijn punten kon noemen" in move  # of this turn, a clause ...
    assert "avonddienst" not in move  # ... not the whole message again
    assert "Bewustwording" not in move and move.count("?") == 1


def test_an_acknowledged_feeling_is_not_said_again_in_the_move():
    replies, _, _ = _turns("nl", [
        "De chef schreeuwde gisteravond weer tegen me waar alle gasten bij waren omdat een bord terugkwam",
        "Het was niet eens mijn fout, de gast had zelf verkeerd besteld",
        "ik schaamde me kapot, stond daar met dat bord",
    ])
    move = replies[-1]
    assert "Bewustwording" not in move
    assert len([w for w in ("beschaamd", "schaamde") if w in move.lower()]) <= 1  # the feeling named once


def test_phase_move_texts_and_repeats():
    cycle = cycles.load_cycle(PROMPTS, "alact", "nl")
    assert wording.repeats("Je voelde je beschaamd; dat mag er zijn.", "Je schaamde je kapot.", cycle)
    assert wording.repeats("Dank je, dat maakt het concreter.", "Laten we het concreet maken.")
    assert not wording.repeats("Helder.", cycle.phase("trial").bridge, cycle)
    state = cycle_state.new_state(cycle)
    state["phase"] = "alternatives"
    assert wording.phase_move(cycle, state, None, opens=False) == cycle.phase("alternatives").bridge
    assert wording.phase_move(cycle, state, None).endswith(cycle.phase("alternatives").bridge[1:])


@pytest.mark.parametrize(("said", "back"), [
    ("De ouders van een meisje dat ik begeleid komen niet", "De ouders van een meisje dat je begeleidt komen niet"),
    ("Ik begeleid haar al een jaar.", "Je begeleidt haar al een jaar."),
    ("Dat begeleid ik al een jaar.", "Dat begeleid je al een jaar."),
    ("Ik word er moedeloos van.", "Je wordt er moedeloos van."),
    ("Dat vind ik lastig.", "Dat vind je lastig."),
    ("Ik meld het morgen en ik bel haar.", "Je meldt het morgen en je belt haar."),
    ("Ik denk dat ik haar terugbel.", "Je denkt dat je haar terugbelt."),
    ("Ik weet dat ik begeleid word.", "Je weet dat je begeleid wordt."),
    ("Ik hoop dat ik de bel hoor.", "Je hoopt dat je de bel hoort."),
])
def test_dutch_verbs_agree_with_je_before_them_and_not_after(said, back):
    assert second_person.convert(said, "nl") == back


def test_the_model_is_told_the_plain_move_and_the_summary_only_when_there_is_one():
    _, state, cycle = _turns("nl", [
        "Gisteren liep de overdracht met mijn collega mis.",
        "Mijn collega praatte steeds door mij heen en vroeg niets.",
        "Ik zei er niets van en ben naar huis gegaan.",
        "Ik wilde dat iedereen zijn punten kon noemen, maar daar was geen tijd want de avonddienst stond klaar.",
    ])
    plan = turn_plan.Plan(moved=["looking_back"], move="-")
    lines = llm_prompt.turn_guidance(cycle, state, plan, "Anne")
    assert "fase ‘Bewustwording van essentiële aspecten’" in lines  # for the model; not to be said
    assert f"“{cycle.phase('awareness').bridge}”" in lines
    assert "Vat daarbij eerst kort samen" in lines and "praatte steeds door jou heen" in lines
    _, state, cycle = _turns("nl", ["Gisteren liep de overdracht met mijn collega mis."])
    lines = llm_prompt.turn_guidance(cycle, state, turn_plan.Plan(moved=["action"], move="-"), "Anne")
    assert "Vat daarbij" not in lines and cycle.phase("looking_back").bridge in lines
