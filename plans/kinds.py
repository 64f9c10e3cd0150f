"""What differs between the plan kinds, as data: default chapters and the activity table sections.

The adopting body and the cycle are settings per organisation (organisations.kinds.KindSetting).
"""

from organisations.kinds import PlanKind

from .models import Chapter

K = Chapter.Kind

DEFAULT_TITLES = {
    PlanKind.VBE: "Handlingsplan mot våldsbejakande extremism",
    PlanKind.CRIME_PREVENTION: "Brottsförebyggande åtgärdsplan",
}

# Activity table sections each kind offers (prose chapters are always possible).
SECTIONS = {
    PlanKind.VBE: [K.PREVENTIVE, K.HINDERING, K.GRANTS, K.TRAINING, K.OTHER],
    PlanKind.CRIME_PREVENTION: [K.SITUATIONAL, K.SOCIAL, K.TRAINING, K.OTHER],
}

# (heading, kind, body) of the chapters a new plan of each kind starts with.
DEFAULT_CHAPTERS = {
    PlanKind.VBE: [
        ("Inledning", K.PROSE, ""),
        ("Syfte", K.PROSE, ""),
        ("Definitioner", K.PROSE, ""),
        ("Ansvar och samverkan", K.PROSE, ""),
        ("Lokal lägesbild", K.PROSE, ""),
        ("Förebyggande arbete", K.PREVENTIVE, ""),
        ("Förhindrande arbete", K.HINDERING, ""),
        ("Kompetenshöjande insatser", K.TRAINING, ""),
        ("Uppföljning", K.PROSE, ""),
    ],
    PlanKind.CRIME_PREVENTION: [
        (
            "Inledning",
            K.PROSE,
            "Åtgärdsplanen utgår från lag (2023:196) om kommuners ansvar för brottsförebyggande arbete.",
        ),
        ("Lägesbild i sammandrag", K.PROSE, ""),
        ("Ställningstagande om åtgärder", K.PROSE, ""),
        ("Situationella åtgärder", K.SITUATIONAL, ""),
        ("Sociala åtgärder", K.SOCIAL, ""),
        ("Samordning och samverkan", K.PROSE, ""),
        ("Uppföljning och utvärdering", K.PROSE, ""),
    ],
}


def section_choices(kind) -> list[tuple[str, str]]:
    """The chapter types a plan of `kind` offers: prose first, then its activity sections."""
    return [(K.PROSE, K.PROSE.label)] + [(k.value, k.label) for k in SECTIONS[PlanKind(kind)]]
