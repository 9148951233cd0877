"""Demo data of the review area: a finished reflection of Bram and the action plan drafted from it, pending
in Eva's review queue, so the demo shows the expert's side straight away."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from companion.models import Conversation, Message, Person, Suggestion
from companion.reflection import cycle_state, cycles
from companion.review import drafting, sharing
from companion.services import Services
from companion.trust import people

TITLE = "Boze dochter aan de telefoon"
# Bram's answers per slot of the ALACT cycle (his own words, as a professional would type them)
BRAM_ANSWERS = {
    "action.what": "De dochter van een cliënt belde boos over de planning van de thuiszorg; de zorg kwam twee "
                   "dagen later dan beloofd en ze verhief haar stem.",
    "action.involved": "De dochter van de cliënt en ik; mijn teamleider hoorde het gesprek half mee.",
    "looking_back.self_want": "Ik wilde haar geruststellen en laten merken dat we haar moeder niet vergeten.",
    "looking_back.self_do": "Ik legde uitgebreid het rooster en de personeelstekorten uit.",
    "looking_back.self_think": "Ik dacht dat uitleg zou helpen, en dat ze het dan wel zou begrijpen.",
    "looking_back.self_feel": "Ik voelde me onzeker en een beetje aangevallen.",
    "looking_back.other_want": "Ze wilde vooral dat iemand erkende dat het misging.",
    "looking_back.other_do": "Ze onderbrak me steeds en werd bozer naarmate ik meer uitlegde.",
    "looking_back.other_think": "Ze dacht waarschijnlijk dat ik excuses zocht.",
    "looking_back.other_feel": "Ze voelde zich machteloos en bezorgd om haar moeder.",
    "awareness.essence": "Ik ga uitleggen voordat ik heb laten merken dat ik hoor wat de ander voelt.",
    "awareness.own_part": "Mijn gewoonte om problemen meteen te willen oplossen met uitleg.",
    "alternatives.options": "Eerst samenvatten wat ik hoor, de fout erkennen, en pas daarna uitleggen.",
    "alternatives.choice": "Ik kies voor eerst erkennen en samenvatten, voordat ik iets uitleg.",
    "trial.plan": "Bij het volgende boze telefoontje vat ik eerst in één zin samen wat de ander zegt en erken ik "
                  "wat er misging.",
    "trial.success": "Als de beller rustiger wordt en we samen een afspraak maken in plaats van te discussiëren.",
}


def seed_demo_suggestions(services: Services) -> int:
    """Bram's reflection and an offline-drafted action plan that he sent to his expert with the conversation
    (his choice, as in the product: nothing is shared without it); returns how many were made.

    Runs again after an interruption: a conversation stored before the draft was made is drafted from, and a draft
    made but not yet sent is sent, never doubled.
    """
    with services.sessions() as session:
        bram = session.scalar(select(Person).where(Person.username == "bram"))
        if bram is None:
            return 0
        me = people.principal_of(bram)
        existing = session.scalars(select(Suggestion).where(Suggestion.owner_id == bram.id)).first()
        if existing is not None:
            if existing.status == "draft":
                sharing.send(session, me, existing.id, "conversation")
            return 0
        conv_id = session.scalar(select(Conversation.id).where(Conversation.owner_id == bram.id,
                                                               Conversation.title == TITLE))
    if conv_id is None:
        conv_id = _store_conversation(services, bram.id)
    drafted = drafting.draft(services, me, conv_id, "action_plan", mode="offline")
    with services.sessions() as session:
        sharing.send(session, me, drafted.id, "conversation")
    return 1


def _store_conversation(services: Services, bram_id: int) -> int:
    """Bram's finished ALACT conversation, in his own words (one transaction)."""
    with services.sessions() as session:
        cycle = cycles.load_cycle(services.settings.prompts_dir, "alact", "nl")
        state = cycle_state.new_state(cycle)
        when = datetime.now(UTC) - timedelta(days=2)
        conv = Conversation(owner_id=bram_id, language="nl", cycle="alact", phase=cycle.phases[-1].id, state={},
                            title=TITLE, created_at=when, updated_at=when)
        session.add(conv)
        session.flush()
        session.add(Message(conversation_id=conv.id, role="assistant", content=cycle.texts["welcome"],
                            phase=cycle.phases[0].id, mode="guide", created_at=when))
        for n, (key, answer) in enumerate(BRAM_ANSWERS.items()):
            slot = cycle.slot(key)
            phase = key.split(".")[0]
            if slot is None:
                continue
            if n:
                session.add(Message(conversation_id=conv.id, role="assistant", content=slot.questions[0][1],
                                    phase=phase, mode="guide", created_at=when + timedelta(minutes=n)))
            session.add(Message(conversation_id=conv.id, role="user", content=answer, phase=phase,
                                created_at=when + timedelta(minutes=n, seconds=30)))
            state["slots"][key] = answer
        state.update(completed=True, pending=None)
        conv.state = state
        session.commit()
        return conv.id
