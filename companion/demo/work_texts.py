"""The words of the simulated year: work situations, week reflections and conversation titles, composed from
parts (a scene, a client, a colleague, a moment) so that a year of them reads like a real team's and no two
situations are the same — sources, search and the portfolio then show what a real organisation would.
"""

from __future__ import annotations

import random

CLIENTS = ("mevrouw De Jong", "meneer Bakker", "mevrouw Yilmaz", "meneer Van den Berg", "mevrouw Hoekstra",
           "meneer El Amrani", "mevrouw Schouten", "meneer Prins", "mevrouw Kuipers", "meneer Verhoeven",
           "mevrouw Postma", "meneer Jonker", "mevrouw Bouma", "meneer Koç", "mevrouw Willems", "meneer Sanders",
           "mevrouw Maas", "meneer De Haan")
COLLEAGUES = ("Sanne", "Lars", "Fatima", "Joost", "Noor", "Mehmet", "Iris", "Daan", "Yara", "Tim", "Lotte", "Kees",
              "Amira", "Ruben", "Femke", "Sven", "Esra", "Bas", "Maud", "Jesse")
MOMENTS = ("bij de ochtendoverdracht", "tijdens de avonddienst", "in de nachtdienst", "aan het eind van de dienst",
           "tijdens de lunchpauze", "vlak voor de overdracht", "op een drukke maandagochtend", "in het weekend",
           "tijdens de medicatieronde", "na het teamoverleg")
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

# (title, description): {client}, {colleague}, {moment} and {day} are filled in; every scene has its own subject
SCENES = (
    ("Overdracht met {colleague} liep rommelig",
     "{Moment} praatten we door elkaar heen; ik vergat te melden dat {client} slecht had geslapen."),
    ("Afspraak over {client} niet overgedragen",
     "Op {day} {moment} bleek dat de afspraak over de wondzorg van {client} niet was doorgegeven."),
    ("{Client} weigerde de ochtendzorg",
     "{Client} wilde {moment} niet gewassen worden. Ik bleef rustig en kwam later terug, maar twijfelde of dat "
     "goed was."),
    ("Boze dochter van {client} aan de telefoon",
     "De dochter van {client} belde op {day} boos over de planning. Ik ging meteen uitleggen en zij werd bozer."),
    ("Familie van {client} wil meer bezoekmomenten",
     "De zoon van {client} vroeg {moment} om vaste bezoektijden. Ik beloofde iets wat ik niet zelf kan regelen."),
    ("{Colleague} vroeg om hulp terwijl ik achterliep",
     "{Moment} vroeg {colleague} of ik kon bijspringen. Ik zei ja en kwam zelf in tijdnood bij {client}."),
    ("Op {day} nee gezegd tegen een extra dienst",
     "Op {day} vroeg de planner of ik een extra dienst wilde draaien. Voor het eerst zei ik nee en legde ik uit "
     "waarom."),
    ("Mijn voorstel in het overleg van {day}",
     "In het overleg van {day} stelde ik voor om de overdracht met een vaste volgorde te doen. {Colleague} steunde "
     "het meteen."),
    ("Feedback van {colleague} op mijn rapportage",
     "{Colleague} zei {moment} dat mijn rapportage over {client} te lang was en de kern miste. Dat raakte me."),
    ("Nieuwe collega ingewerkt bij {client}",
     "Ik werkte {moment} een nieuwe collega in bij {client}. Ik merkte dat ik alles zelf deed in plaats van "
     "uitleggen."),
    ("{Client} onverwacht opgenomen",
     "{Client} werd op {day} onverwacht opgenomen. De hele planning moest om en ik moest snel kiezen wie wat "
     "overnam."),
    ("Bijna een medicatiefout bij {client}",
     "{Moment} pakte ik bijna de verkeerde medicatie voor {client}. {Colleague} zag het op tijd; ik schrok ervan."),
    ("{Client} was verward en angstig",
     "{Client} herkende me {moment} niet en werd angstig. Rustig praten hielp pas toen ik ging zitten."),
    ("Meningsverschil met {colleague} over de aanpak",
     "{Colleague} en ik waren het op {day} oneens over hoe we {client} moesten benaderen. We lieten het zo."),
    ("Huisarts van {client} niet bereikbaar",
     "{Moment} kon ik de huisarts van {client} niet bereiken terwijl de pijn toenam. Ik twijfelde wie ik moest "
     "bellen."),
    ("Te laat bij {client}",
     "Door een file kwam ik op {day} een half uur te laat bij {client}. Ze was teleurgesteld en ik voelde me "
     "schuldig."),
    ("Op {day} de werkdruk benoemd",
     "Op {day} vertelde ik de teamleider dat de roosters te krap zijn. Ik was zenuwachtig, maar ze luisterde."),
    ("Compliment van {client}",
     "{Client} bedankte me {moment} voor het geduld van de afgelopen weken. Ik merkte dat ik het wegwuifde."),
    ("Gesprek over de val van {client}",
     "{Client} viel op {day} in de badkamer. In het gesprek met de familie wist ik niet hoeveel ik moest vertellen."),
    ("{Colleague} viel uit, ik nam het over",
     "{Colleague} meldde zich {moment} ziek. Ik nam haar cliënten over, onder wie {client}, en sloeg mijn pauze "
     "over."),
    ("Grens aangegeven bij {client}",
     "{Client} maakte {moment} een grensoverschrijdende opmerking. Ik zei rustig dat ik dat niet wil horen."),
    ("Zorgplan van {client} besproken met de familie",
     "Op {day} besprak ik het zorgplan van {client} met de familie. Ik praatte te veel en vroeg te weinig."),
    ("Oefeningen van {client} met de fysiotherapeut",
     "De fysiotherapeut vroeg {moment} om de oefeningen van {client} mee te doen. Ik wist niet of dat in onze tijd "
     "past."),
    ("Activiteit van {day} liep anders dan gepland",
     "Op {day} had ik een activiteit voorbereid, maar {client} en de groep wilden iets anders. Ik ging mee met de "
     "groep."),
    ("Ruzie in de groep voordat {colleague} er was",
     "{Moment} ontstond ruzie tussen twee deelnemers. Ik greep in voordat {colleague} erbij was."),
    ("Signalen van overbelasting bij {colleague}",
     "{Colleague} reageerde {moment} kortaf en zat alleen in de pauze. Ik vroeg hoe het ging, maar niet door."),
    ("Fout toegegeven aan {client}",
     "Ik vergat op {day} de afspraak met {client} door te geven. Ik zei eerlijk dat het mijn fout was."),
    ("Nacht van {day} met een invaller",
     "In de nacht van {day} werkte ik met een invaller die de cliënten niet kende. Ik deed de rondes er zelf "
     "bij."),
    ("Rapportage over {client} bleef liggen",
     "{Moment} had ik geen tijd voor de rapportage over {client}. Thuis bleef ik eraan denken."),
    ("Intervisie: de vraag van {colleague} bleef hangen",
     "In de intervisie van {day} bracht ik een gesprek met {client} in. {Colleague} stelde een vraag die bleef "
     "hangen."),
)

LEARNED = ("Samenvatten haalt de spanning eruit.", "Een vaste volgorde scheelt tijd en fouten.",
           "Nee zeggen voelde ongemakkelijk, maar het werd gerespecteerd.", "Vooraf bellen voorkomt boze reacties.",
           "Ik merk eerder wanneer ik zelf gehaast raak.", "Eerst vragen, dan pas uitleggen.",
           "Een korte pauze helpt me rustiger te reageren.", "Om hulp vragen is geen zwakte.",
           "Ik hoef niet alles zelf op te lossen.", "Als ik ga zitten, komt het gesprek beter op gang.",
           "Kort rapporteren dwingt me de kern te kiezen.", "Een compliment aannemen mag ook gewoon.",
           "Mijn twijfel hardop zeggen geeft ruimte.", "Vooraf afspreken wie wat doet, voorkomt gedoe.",
           "Het helpt om de familie eerst te laten vertellen.")
NEXT_STEPS = ("Dezelfde aanpak bij de avondoverdracht proberen.", "Een collega vragen mee te kijken.",
              "Het experiment nog een week volhouden.", "Dit bespreken in het teamoverleg.",
              "Volgende week vooraf drie punten opschrijven.", "Dit inbrengen bij de intervisie.",
              "Bij het volgende familiegesprek eerst samenvatten.", "Mijn begeleider om tips vragen.",
              "De vaste volgorde op een kaartje zetten.", "Eén keer per dienst bewust pauze nemen.")

# survey comments: an opening and a reason, so the pooled comments on the dashboard read as different people
COMMENT_OPENINGS = ("Fijn dat het zo kort is", "In drukke weken schiet het erbij in", "Het experiment van de week "
                    "geeft richting", "Ik mis soms tijd in het rooster", "Mijn begeleider reageert snel",
                    "Graag vaker samen met het team", "De vragen zetten me aan het denken", "Het terugkijken op "
                    "vrijdag werkt goed", "Soms weet ik niet wat ik moet vastleggen", "Het helpt om patronen te "
                    "zien", "Ik vergeet het weekplan nog wel eens", "Het voelt minder vrijblijvend dan vroeger")
COMMENT_REASONS = ("dat houd ik vol.", "vooral rond de feestdagen.", "ook als het druk is.", "maar het loont.",
                   "en dat motiveert.", "omdat we dan van elkaar leren.", "meer dan ik had verwacht.",
                   "zeker na een lastige dienst.", "een herinnering op maandag zou helpen.",
                   "in de nachtdienst lukt het minder.")


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with its slots filled; {Client} etc. start the sentence with a capital."""
    filled = {**values, **{k.capitalize(): v[:1].upper() + v[1:] for k, v in values.items()}}
    return template.format(**filled)


class WorkTexts:
    """A deterministic source of situations that never repeats itself (within one simulated year)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()
        self.titles: dict[object, set[str]] = {}

    def situation(self, owner: object = None) -> tuple[str, str]:
        """(title, description) of a work situation not handed out before, with a title the owner has not used
        yet (two sources or search results with one title read as the same thing)."""
        rng, titles = self.rng, self.titles.setdefault(owner, set())
        for attempt in range(60):
            title, description = rng.choice(SCENES)
            values = {"client": rng.choice(CLIENTS), "colleague": rng.choice(COLLEAGUES),
                      "moment": rng.choice(MOMENTS), "day": rng.choice(DAYS)}
            text, title = _fill(description, values), _fill(title, values)
            if attempt >= 50:  # nearly everything taken (never in a year of demo data): number it
                text, title = f"{text} ({len(self.used) + 1})", f"{title} ({len(self.used) + 1})"
            if text not in self.used and (owner is None or title not in titles):
                self.used.add(text)
                titles.add(title)
                return title, text
        raise RuntimeError("no new situation text")  # unreachable: the number above is always new

    def comment(self) -> str:
        """A survey comment not handed out before (while there are new ones)."""
        for _ in range(30):
            text = f"{self.rng.choice(COMMENT_OPENINGS)}, {self.rng.choice(COMMENT_REASONS)}"
            if text not in self.used:
                break
        self.used.add(text)
        return text

    def learned(self) -> str:
        return self.rng.choice(LEARNED)

    def next_step(self) -> str:
        return self.rng.choice(NEXT_STEPS)
