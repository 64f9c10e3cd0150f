"""Every URL of the project, and how to fill its arguments: shared by the authorization matrix, the
CSRF walker and the header checks.

A new route with arguments (`<int:pk>`, `<slug:...>`) needs ONE line in `BUILDERS`: a function that
takes one side of the `World` (`world.own` or `world.foreign`) and returns the URL kwargs. If the route
needs an object the world does not have yet, append a function to `WORLD_EXTENSIONS` that creates it on
each side (see `_plans` below for the shape).
"""

import datetime
from dataclasses import dataclass, replace
from types import SimpleNamespace

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from organisations.models import Membership, Organisation
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    IndicatorFactory,
    MeetingFactory,
    ObservationFactory,
    OrganisationFactory,
    PlanRevisionFactory,
    ProblemFactory,
    RoutineFactory,
    SituationPictureFactory,
    SourceFactory,
    UserFactory,
    member,
)

Role = Membership.Role

# Namespaces left out of the walk: Django's admin guards itself with is_staff and model permissions
# (tests/test_authorization_matrix.py checks that separately).
EXCLUDED_NAMESPACES = {"admin"}

# Texts that exist only in one organisation's activities: a page shown to someone who may not read that
# organisation must never contain them.
OWN_CANARY = "KANARIE-egen-4f9c"
FOREIGN_CANARY = "KANARIE-annan-kommun-8d21"
# Appended to the canary in texts that only some readers of the organisation may see: drafts (not for
# medarbetare) and lägesbild material (not for medarbetare, more sensitive than the plan).
DRAFT_MARK = "-utkast"
SITUATION_MARK = "-lagesbild"


@dataclass(frozen=True)
class Route:
    name: str  # "home" or "plans:plan_detail"
    route: str  # the pattern as written, for messages
    params: tuple[str, ...]  # the kwargs the pattern needs


def _walk(patterns, prefix="", namespace=None, params=()):
    for entry in patterns:
        own_params = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full_ns = ":".join(filter(None, [namespace, ns])) or None
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns, params + own_params)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            if not entry.name:
                raise AssertionError(f"URL {route!r} has no name: give every path() a name=.")
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name=name, route=route, params=params + own_params)


def all_routes() -> list[Route]:
    """Every named URL of the project except the excluded namespaces, from the live URL resolver."""
    routes = {}
    for route in _walk(get_resolver().url_patterns):
        routes.setdefault(route.name, route)
    return sorted(routes.values(), key=lambda r: r.name)


# --- the world every walk runs in ------------------------------------------------------------------


def _plans(side: SimpleNamespace, canary: str) -> None:
    """An adopted revision and a draft of the side's plan, each with a chapter, an activity, a routine."""
    side.plan = ActionPlanFactory(organisation=side.org)
    side.adopted_revision = PlanRevisionFactory(plan=side.plan, year=2019, adopted=True)
    side.adopted_chapter = ChapterFactory(revision=side.adopted_revision)
    side.adopted_activity = ActivityFactory(chapter=side.adopted_chapter, text=f"Antagen aktivitet {canary}")
    side.adopted_activity.responsible_unit = side.unit
    side.adopted_activity.save()
    side.draft_revision = PlanRevisionFactory(plan=side.plan, year=2020)
    side.chapter = ChapterFactory(revision=side.draft_revision)
    side.activity = ActivityFactory(
        chapter=side.chapter, text=f"Utkastaktivitet {canary}{DRAFT_MARK}", responsible_unit=side.unit
    )
    side.routine = RoutineFactory(organisation=side.org, body=f"Rutin {canary}")
    side.indicator = IndicatorFactory(activity=side.activity, name=f"Indikator {canary}{DRAFT_MARK}")
    side.adopted_indicator = IndicatorFactory(activity=side.adopted_activity, name=f"Indikator {canary}")


def _followup(side: SimpleNamespace, canary: str) -> None:
    """An open follow-up round on the adopted revision; its one entry is reported on by the side's unit."""
    side.round = FollowUpRoundFactory(revision=side.adopted_revision)
    side.entry = ActivityFollowUpFactory(round=side.round, activity=side.adopted_activity)
    side.closed_round = FollowUpRoundFactory(
        revision=side.adopted_revision, kind="tertial1", status="stangd", closed_at=timezone.now()
    )
    side.closed_entry = ActivityFollowUpFactory(round=side.closed_round, activity=side.adopted_activity)


def _situation(side: SimpleNamespace, canary: str) -> None:
    """A fastställd lägesbild (2018) and this year's draft (2019), each with a source and an observation."""
    text = f"{canary}{SITUATION_MARK}"
    side.established_picture = SituationPictureFactory(
        organisation=side.org, year=2018, established=True, analysis=f"Fastställd analys {text}"
    )
    side.picture = SituationPictureFactory(organisation=side.org, year=2019, analysis=f"Analys {text}")
    for picture in (side.established_picture, side.picture):
        picture.source = SourceFactory(picture=picture, description=f"Enkät {text}")
        picture.observation = ObservationFactory(picture=picture, description=f"Klotter {text}")
        picture.problem = ProblemFactory(picture=picture, title=f"Problem {text}")
    # The plan names the lägesbild it rests on (shown only to those who may read lägesbilder).
    for revision in (side.adopted_revision, side.draft_revision):
        revision.situation_picture = side.established_picture
        revision.save()
    # The adopted activity answers a problem: its title is lägesbild text, shown only to its readers.
    side.adopted_activity.problems.add(side.established_picture.problem)


def _meetings(side: SimpleNamespace, canary: str) -> None:
    """A meeting of the side's committee; a calendar feed token of a secretary there. The foreign side's
    token has been renewed away, so its old address must answer 404 to everyone."""
    from deadlines.models import PersonalCalendar

    side.meeting = MeetingFactory(organisation=side.org)
    holder = member(Role.SECRETARY, side.org, username=f"kalender-{side.org.short_name}")
    calendar = PersonalCalendar.objects.create(
        user=holder, feed_token=f"token-{side.org.short_name}-0123456789"
    )
    side.feed_token = calendar.feed_token
    if canary == FOREIGN_CANARY:
        calendar.feed_token = "renewed-" + calendar.feed_token
        calendar.save()


def _public(side: SimpleNamespace, canary: str) -> None:
    """The own committee publishes its adopted plans on the public pages; the foreign one does not."""
    if canary == OWN_CANARY:
        side.org.publishes_publicly = True
        side.org.save()


def _case_memos(side: SimpleNamespace, canary: str) -> None:
    """The ärende written on each frozen object before it froze (the admin matrix and the frozen-state
    check watch them; the drafts' ärenden are written by the walks' POSTs)."""
    from documents.models import CaseMemo

    official = member(Role.STAFF, side.unit, username=f"handl-{side.org.short_name}", first_name="Hanna")
    side.case_memos = {
        name: CaseMemo.objects.create(
            owner=owner,
            official=official,
            prepared_on=datetime.date(2019, 4, 2),
            diary_number="2019/1-1",
            proposal="Nämnden beslutar.",
            summary=f"Sammanfattning {canary}",
            recipients="Registrator",
        )
        for name, owner in (
            ("revision", side.adopted_revision),
            ("picture", side.established_picture),
            ("round", side.closed_round),
        )
    }


def _stored_documents(side: SimpleNamespace, canary: str) -> None:
    """The frozen objects' documents, stored as the task stores them when the object freezes (small
    stand-in bytes: the matrix is about who gets them, not about their layout)."""
    from documents import registry
    from documents.services import store_frozen

    frozen = {
        "plans.PlanRevision": side.adopted_revision,
        "followup.FollowUpRound": side.closed_round,
        "situation.SituationPicture": side.established_picture,
    }
    for label, instance in frozen.items():
        for spec in registry.source(label).documents(instance):
            store_frozen(replace(spec, render=lambda: b"%PDF-1.7 lagrat i testvarlden"))


def _word_import(side: SimpleNamespace, canary: str) -> None:
    """A second plan whose draft is still empty: where a Word plan can be imported."""
    side.word_plan = ActionPlanFactory(organisation=side.org, title="Handlingsplan att importera")
    side.empty_draft = PlanRevisionFactory(plan=side.word_plan, year=2021)


WORLD_EXTENSIONS = [
    _plans,
    _followup,
    _situation,
    _meetings,
    _public,
    _case_memos,
    _stored_documents,
    _word_import,
]


class World:
    """Own organisation (`committee` with its unit) with every role, and a foreign municipality.

    `own` holds the objects of the committee the coordinator, secretary and staff work for; `foreign`
    holds the same objects in another municipality that none of them may read.
    """

    def __init__(self):
        municipality = OrganisationFactory(
            name="Teststad", short_name="Teststad", kind=Organisation.Kind.MUNICIPALITY
        )
        committee = OrganisationFactory(name="Norra nämnden", short_name="Norra", parent=municipality)
        unit = OrganisationFactory(
            name="Fritidsenheten", short_name="Fritid", kind=Organisation.Kind.UNIT, parent=committee
        )
        other_committee = OrganisationFactory(name="Södra nämnden", short_name="Sodra", parent=municipality)
        foreign_municipality = OrganisationFactory(
            name="Grannkommunen", short_name="Granne", kind=Organisation.Kind.MUNICIPALITY
        )
        foreign_committee = OrganisationFactory(
            name="Grannkommunens nämnd", short_name="GranneN", parent=foreign_municipality
        )
        foreign_unit = OrganisationFactory(
            name="Grannkommunens enhet",
            short_name="GranneE",
            kind=Organisation.Kind.UNIT,
            parent=foreign_committee,
        )
        self.users = {
            "anonymous": None,
            "coordinator": member(Role.COORDINATOR, committee, username="m-samordnare"),
            "secretary": member(Role.SECRETARY, committee, username="m-sekreterare"),
            "staff": member(Role.STAFF, unit, username="m-medarbetare"),
            "central": member(Role.CENTRAL, municipality, username="m-central"),
            "other_coordinator": member(Role.COORDINATOR, other_committee, username="m-samordnare-annan"),
            "superuser": UserFactory(username="m-admin", is_superuser=True, is_staff=True),
        }
        self.own = SimpleNamespace(org=committee, unit=unit, municipality=municipality)
        self.foreign = SimpleNamespace(
            org=foreign_committee, unit=foreign_unit, municipality=foreign_municipality
        )
        for extend in WORLD_EXTENSIONS:
            extend(self.own, OWN_CANARY)
            extend(self.foreign, FOREIGN_CANARY)


# --- how to fill each route's kwargs ---------------------------------------------------------------
# url name -> function(side) -> kwargs. One line per route with arguments, e.g.
#   "plans:plan_detail": lambda side: {"pk": side.plan.pk},
# A second object for the same route is a variant, "name@variant" (e.g. the adopted revision beside the
# draft); the matrix asks for it with a row "name@variant" or "name@variant POST".
BUILDERS = {
    # plans: the draft revision is the default, the adopted (frozen) one a variant
    "plans:plan_detail": lambda side: {"pk": side.plan.pk},
    # The Word import fills an empty draft; the plan whose draft has chapters is refused (409).
    "plans:plan_word_import": lambda side: {"pk": side.word_plan.pk},
    "plans:plan_word_import@drafted": lambda side: {"pk": side.plan.pk},
    "plans:plan_word_import_confirm": lambda side: {"pk": side.word_plan.pk},
    "plans:plan_word_import_undo": lambda side: {"pk": side.word_plan.pk},
    "plans:revision_detail": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_detail@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_case_edit": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_case_edit@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_edit": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_edit@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_adopt": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_adopt@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_start_next": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_history": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_history@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_compare": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_compare@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_compare_pdf": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_compare_pdf@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:chapter_create": lambda side: {"revision_pk": side.draft_revision.pk},
    "plans:chapter_create@frozen": lambda side: {"revision_pk": side.adopted_revision.pk},
    "plans:chapter_edit": lambda side: {"pk": side.chapter.pk},
    "plans:chapter_edit@frozen": lambda side: {"pk": side.adopted_chapter.pk},
    "plans:chapter_delete": lambda side: {"pk": side.chapter.pk},
    "plans:chapter_delete@frozen": lambda side: {"pk": side.adopted_chapter.pk},
    "plans:chapter_move": lambda side: {"pk": side.chapter.pk},
    "plans:chapter_move@frozen": lambda side: {"pk": side.adopted_chapter.pk},
    "plans:activity_create": lambda side: {"chapter_pk": side.chapter.pk},
    "plans:activity_create@frozen": lambda side: {"chapter_pk": side.adopted_chapter.pk},
    "plans:activity_detail": lambda side: {"pk": side.activity.pk},
    "plans:activity_detail@frozen": lambda side: {"pk": side.adopted_activity.pk},
    "plans:activity_edit": lambda side: {"pk": side.activity.pk},
    "plans:activity_edit@frozen": lambda side: {"pk": side.adopted_activity.pk},
    "plans:activity_delete": lambda side: {"pk": side.activity.pk},
    "plans:activity_delete@frozen": lambda side: {"pk": side.adopted_activity.pk},
    "plans:indicator_create": lambda side: {"activity_pk": side.activity.pk},
    "plans:indicator_create@frozen": lambda side: {"activity_pk": side.adopted_activity.pk},
    "plans:indicator_edit": lambda side: {"pk": side.indicator.pk},
    "plans:indicator_edit@frozen": lambda side: {"pk": side.adopted_indicator.pk},
    "plans:indicator_delete": lambda side: {"pk": side.indicator.pk},
    "plans:indicator_delete@frozen": lambda side: {"pk": side.adopted_indicator.pk},
    "plans:activity_move": lambda side: {"pk": side.activity.pk},
    "plans:activity_move@frozen": lambda side: {"pk": side.adopted_activity.pk},
    "plans:activity_history": lambda side: {"pk": side.activity.pk},
    "plans:activity_history@frozen": lambda side: {"pk": side.adopted_activity.pk},
    "plans:revision_import": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_import@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_import_confirm": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_import_confirm@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_import_undo": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_import_undo@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_pdf": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_pdf@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_docx": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_docx@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_case_docx": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_case_docx@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:revision_case_pdf": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_case_pdf@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "plans:routine_detail": lambda side: {"pk": side.routine.pk},
    "plans:routine_edit": lambda side: {"pk": side.routine.pk},
    # followup
    "followup:round_detail": lambda side: {"pk": side.round.pk},
    "followup:round_report": lambda side: {"pk": side.round.pk},
    "followup:round_pdf": lambda side: {"pk": side.round.pk},
    "followup:round_pdf@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_docx": lambda side: {"pk": side.round.pk},
    "followup:round_docx@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_export": lambda side: {"pk": side.round.pk},
    "followup:round_case_edit": lambda side: {"pk": side.round.pk},
    "followup:round_case_edit@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_case_pdf": lambda side: {"pk": side.round.pk},
    "followup:round_case_pdf@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_case_docx": lambda side: {"pk": side.round.pk},
    "followup:round_case_docx@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_comment": lambda side: {"pk": side.round.pk},
    "followup:round_comment@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:round_close": lambda side: {"pk": side.round.pk},
    "followup:round_close@frozen": lambda side: {"pk": side.closed_round.pk},
    "followup:entry_report": lambda side: {"pk": side.entry.pk},
    "followup:entry_report@frozen": lambda side: {"pk": side.closed_entry.pk},
    "followup:activity_history": lambda side: {"pk": side.adopted_activity.pk},
    # situation (lägesbild): the draft is the default, the fastställd picture a variant
    "situation:picture_detail": lambda side: {"pk": side.picture.pk},
    "situation:picture_detail@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_pdf": lambda side: {"pk": side.picture.pk},
    "situation:picture_pdf@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_docx": lambda side: {"pk": side.picture.pk},
    "situation:picture_docx@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_case_edit": lambda side: {"pk": side.picture.pk},
    "situation:picture_case_edit@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_case_pdf": lambda side: {"pk": side.picture.pk},
    "situation:picture_case_pdf@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_case_docx": lambda side: {"pk": side.picture.pk},
    "situation:picture_case_docx@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_edit": lambda side: {"pk": side.picture.pk},
    "situation:picture_edit@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_establish": lambda side: {"pk": side.picture.pk},
    "situation:picture_establish@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_next_year": lambda side: {"pk": side.established_picture.pk},
    "situation:picture_comparison": lambda side: {"pk": side.picture.pk},
    "situation:source_create": lambda side: {"pk": side.picture.pk},
    "situation:source_create@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:source_edit": lambda side: {"pk": side.picture.source.pk},
    "situation:source_edit@frozen": lambda side: {"pk": side.established_picture.source.pk},
    "situation:source_delete": lambda side: {"pk": side.picture.source.pk},
    "situation:source_delete@frozen": lambda side: {"pk": side.established_picture.source.pk},
    "situation:observation_create": lambda side: {"pk": side.picture.pk},
    "situation:observation_create@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:observation_edit": lambda side: {"pk": side.picture.observation.pk},
    "situation:observation_edit@frozen": lambda side: {"pk": side.established_picture.observation.pk},
    "situation:observation_delete": lambda side: {"pk": side.picture.observation.pk},
    "situation:observation_delete@frozen": lambda side: {"pk": side.established_picture.observation.pk},
    "situation:problem_create": lambda side: {"pk": side.picture.pk},
    "situation:problem_create@frozen": lambda side: {"pk": side.established_picture.pk},
    "situation:problem_edit": lambda side: {"pk": side.picture.problem.pk},
    "situation:problem_edit@frozen": lambda side: {"pk": side.established_picture.problem.pk},
    "situation:problem_delete": lambda side: {"pk": side.picture.problem.pk},
    "situation:problem_delete@frozen": lambda side: {"pk": side.established_picture.problem.pk},
    # meetings
    "meetings:meeting_edit": lambda side: {"pk": side.meeting.pk},
    "plans:revision_place": lambda side: {"pk": side.draft_revision.pk},
    "plans:revision_place@frozen": lambda side: {"pk": side.adopted_revision.pk},
    "situation:picture_place": lambda side: {"pk": side.picture.pk},
    "situation:picture_place@frozen": lambda side: {"pk": side.established_picture.pk},
    "followup:round_place": lambda side: {"pk": side.round.pk},
    "followup:round_place@frozen": lambda side: {"pk": side.closed_round.pk},
    "meetings:rule_edit": lambda side: {"organisation_pk": side.org.pk},
    "deadlines:feed": lambda side: {"token": side.feed_token},
    "public:organisation": lambda side: {"pk": side.org.pk},
    "public:revision": lambda side: {"pk": side.org.pk, "revision_pk": side.adopted_revision.pk},
    "public:revision_pdf": lambda side: {"pk": side.org.pk, "revision_pk": side.adopted_revision.pk},
}


class MissingBuilder(AssertionError):
    pass


def kwargs_for(route: Route, side: SimpleNamespace, variant: str = "") -> dict:
    if variant:
        return BUILDERS[f"{route.name}@{variant}"](side)
    if not route.params:
        return {}
    if route.name not in BUILDERS:
        raise MissingBuilder(
            f"URL {route.name!r} ({route.route}) takes {list(route.params)}: add a line to BUILDERS in "
            f"tests/routes.py, e.g.  {route.name!r}: lambda side: {{{route.params[0]!r}: side.<object>.pk}},"
        )
    return BUILDERS[route.name](side)


def url_for(route: Route, side: SimpleNamespace, variant: str = "") -> str:
    return reverse(route.name, kwargs=kwargs_for(route, side, variant))
