"""Demo: a brottsförebyggande lägesbild (2024) and åtgärdsplan (2025) under lag 2023:196, for Luleå's
socialnämnd, in the register of the Luleå papers. Names of people are invented. Safe to run again."""

import datetime
from decimal import Decimal

from django.utils import timezone

from organisations.demo import organisation
from organisations.kinds import KindSetting, PlanKind
from organisations.models import Organisation
from situation.models import Problem, SituationPicture, Source

from .indicator_models import Indicator, IndicatorTarget
from .models import ActionPlan, Activity, Chapter, PlanRevision

CRIME = PlanKind.CRIME_PREVENTION
REASON = "Demodata"
K = Chapter.Kind

PICTURE = {
    "made_with": "Lokalpolisområde Luleå och Beredningsgruppen för trygghet och brottsförebyggande",
    "crime_mapping": (
        "Kartläggningen bygger på polisens anmälningsstatistik 2021–2023, kommunens tillbudsrapporter och "
        "trygghetsmätningen hösten 2023. Anmäld skadegörelse har ökat med 18 procent sedan 2021, främst "
        "klotter och skadegörelse på skolor och vid resecentrum kvällstid. Brotten ger höga kostnader för "
        "fastighetsägarna och bidrar till att boende upplever centrum som otryggt."
    ),
    "other_information": (
        "Socialtjänstens orosanmälningar visar att fler unga under 15 år vistas i centrum sena kvällar. "
        "Fritidsgårdarnas öppettider har minskat sedan 2022."
    ),
    "analysis": (
        "Skadegörelsen är koncentrerad till få platser och tider. Möjliga orsaker är dålig belysning, "
        "få vuxna i rörelse kvällstid och att unga saknar mötesplatser efter klockan 21."
    ),
}
SOURCES = [
    (Source.Kind.POLICE, "Polisens anmälningsstatistik och lokala lägesbild 2021–2023.", None),
    (Source.Kind.INCIDENT_REPORTS, "Kommunens tillbudsrapporter om skadegörelse på skolor 2023.", 64),
    (Source.Kind.OTHER, "Trygghetsmätning bland boende i centrum, hösten 2023.", 812),
]
PROBLEMS = [
    (
        1,
        "Skadegörelse på skolor och vid resecentrum",
        "Centrum och resecentrum",
        "Skadegörelse",
        "Dålig belysning, få vuxna i rörelse kvällstid.",
    ),
    (
        2,
        "Unga under 15 år i centrum sena kvällar",
        "Centrum",
        "",
        "Fritidsgårdarnas minskade öppettider; få mötesplatser efter klockan 21.",
    ),
]
CHAPTERS = [
    (
        "Inledning",
        K.PROSE,
        "Åtgärdsplanen utgår från lag (2023:196) om kommuners ansvar för brottsförebyggande arbete och från "
        "den lägesbild som fastställdes 2024.",
        [],
    ),
    (
        "Situationella åtgärder",
        K.SITUATIONAL,
        "",
        [
            (
                "Förbättra belysningen vid resecentrum och skolgårdar",
                "Minska skadegörelsen kvällstid",
                "Stadsbyggnadsförvaltningen",
                "Polisen, fastighetsägare",
                "2025",
                1,
            ),
        ],
    ),
    (
        "Sociala åtgärder",
        K.SOCIAL,
        "",
        [
            (
                "Förlänga fritidsgårdarnas öppettider fredag och lördag",
                "Ge unga en mötesplats efter klockan 21",
                "Kultur- och fritidsförvaltningen",
                "Socialtjänsten",
                "HT 2025",
                2,
            ),
        ],
    ),
    (
        "Uppföljning och utvärdering",
        K.PROSE,
        "Åtgärderna följs upp i delårsrapport och verksamhetsberättelse. Lägesbilden tas fram vartannat år.",
        [],
    ),
]


def _save(obj):
    obj._change_reason = REASON
    obj.save()
    return obj


def load():
    org = organisation("lulea-soc")
    if ActionPlan.objects.filter(organisation=org, kind=CRIME).exists():
        return
    KindSetting.objects.get_or_create(
        organisation=org.parent or org,
        kind=CRIME,
        defaults={"adopting_body": "Kommunfullmäktige", "plan_cycle_years": 1, "picture_cycle_years": 2},
    )
    picture = _picture(org)
    problems = {p.priority: p for p in picture.problems.all()}
    plan = _save(ActionPlan(organisation=org, kind=CRIME, title="Brottsförebyggande åtgärdsplan"))
    revision = _save(
        PlanRevision(
            plan=plan,
            year=2025,
            status=PlanRevision.Status.ADOPTED,
            decided_by="Kommunfullmäktige",
            decided_on=datetime.date(2025, 2, 24),
            paragraph="18",
            diary_number="2024/1187-1.1.2",
            situation_picture=picture,
            measures_position=(
                "Utifrån lägesbilden bedömer kommunen att situationella åtgärder vid resecentrum och "
                "skolorna behövs först, tillsammans med fler mötesplatser för unga kvällstid."
            ),
        )
    )
    # The follow-up groups by responsible unit: the plan's activities fall to the nämnd's first unit.
    unit = (
        Organisation.objects.descendants_of(org).filter(kind=Organisation.Kind.UNIT).order_by("path").first()
    )
    for order, (heading, kind, body, rows) in enumerate(CHAPTERS, start=1):
        chapter = _save(Chapter(revision=revision, order=order, heading=heading, kind=kind, body=body))
        for position, (text, purpose, responsible, partners, timing, problem) in enumerate(rows, start=1):
            activity = _save(
                Activity(
                    chapter=chapter,
                    order=position,
                    text=text,
                    purpose=purpose,
                    responsible=responsible,
                    responsible_unit=unit,
                    partners=partners,
                    timing=timing,
                )
            )
            activity.problems.set([problems[problem]])
            if problem == 1:
                _indicator(activity)


def _picture(org) -> SituationPicture:
    picture = SituationPicture(organisation=org, kind=CRIME, year=2024, **PICTURE)
    picture.status = SituationPicture.Status.ESTABLISHED
    picture.established_at = timezone.make_aware(datetime.datetime(2024, 11, 20, 10))
    _save(picture)
    for order, (kind, description, responses) in enumerate(SOURCES, start=1):
        _save(Source(picture=picture, order=order, kind=kind, description=description, responses=responses))
    for priority, title, area, crime_type, causes in PROBLEMS:
        _save(
            Problem(
                picture=picture,
                priority=priority,
                title=title,
                area=area,
                crime_type=crime_type,
                causes=causes,
            )
        )
    return picture


def _indicator(activity):
    indicator = _save(
        Indicator(
            activity=activity,
            order=1,
            name="Anmäld skadegörelse i centrum",
            unit="antal",
            direction=Indicator.Direction.LOWER,
            baseline_year=2023,
            baseline_value=Decimal("412"),
            baseline_source="Polisens anmälningsstatistik 2023",
        )
    )
    for year, value in ((2025, "370"), (2026, "330")):
        _save(IndicatorTarget(indicator=indicator, year=year, value=Decimal(value)))
