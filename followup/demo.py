"""Demo follow-up on Skärholmen's adopted 2019 plan: a closed tertial 2 and an open, overdue helår round.

The narratives are modelled on the KUN 2022 follow-up (kun-uppfoljning-2022.txt). Names of people are
the invented demo users of organisations.demo.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from organisations import demo as organisations_demo
from organisations.models import Organisation
from plans.models import Activity, PlanRevision

from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus

# (status label, narrative), used in turn for the activities of the plan.
CLOSED_ROUND_REPORTS = [
    ("Genomförd", "Arbetas aktivt med i ordinarie verksamhet. Frågan finns med på varje arbetsplatsträff."),
    (
        "Pågående",
        "Samtalsgrupper om mänskliga rättigheter, jämställdhet och föräldraroll hålls kontinuerligt. "
        "Fler grupper startar under hösten.",
    ),
    (
        "Ej påbörjad",
        "Har inte arbetats med under perioden. Dialog mellan verksamheterna om hur insatsen kan genomföras "
        "har påbörjats efter uppföljningen.",
    ),
    (
        "Pågående",
        "Det har uppmärksammats att medarbetare inte känner till rutinen vid oro. Genomgång planeras på "
        "verksamhetsmöten; alla ska vara uppdaterade före årsskiftet.",
    ),
    ("Genomförd", "Elevråd, föreningsråd och ungdomsråd har genomförts med regelbundenhet under perioden."),
]

OPEN_ROUND_REPORTS = [
    ("Uppnått", "Insatsen är genomförd i alla verksamheter. Goda erfarenheter som tas med till nästa år."),
    (
        "Delvis uppnått",
        "Föreläsning för chefer genomförd i oktober. Förtroendevalda har ännu inte deltagit; "
        "ny föreläsning planeras under våren.",
    ),
    None,  # not reported yet
    (
        "Ej uppnått",
        "Personal har inte gått på föreläsningar då det inte funnits kännedom om någon föreläsning "
        "under året. Frågan tas upp i styrgruppen.",
    ),
    None,
]

OVERALL_COMMENT = (
    "Arbetet enligt handlingsplanen har i huvudsak genomförts i ordinarie verksamhet. Kunskapen om rutinen "
    "vid oro behöver stärkas, och samarbetet med polisen och civilsamhället fortsätter i lokala BRÅ."
)


def _revision():
    try:
        organisation = organisations_demo.organisation("skarholmen")
    except Organisation.DoesNotExist:
        return None
    return PlanRevision.objects.filter(
        plan__organisation=organisation, year=2019, status=PlanRevision.Status.ADOPTED
    ).first()


@transaction.atomic
def load():
    """Create the demo rounds once; safe to run again.

    Relies on the adopted Skärholmen 2019 revision that plans.demo creates. Without it there is nothing
    to follow up, so this loader does nothing and returns."""
    revision = _revision()
    if revision is None:
        return None
    User = get_user_model()
    coordinator = User.objects.filter(username="samordnare").first()
    staff = User.objects.filter(username="medarbetare").first()
    statuses = {s.label: s for s in FollowUpStatus.objects.default_scale()}
    activities = list(
        Activity.objects.filter(chapter__revision=revision)
        .select_related("responsible_unit")
        .order_by("chapter__order", "order", "pk")
    )
    staff_units = {m.organisation_id for m in staff.memberships.all()} if staff else set()

    def reporter(activity):
        return staff if staff and activity.responsible_unit_id in staff_units else coordinator

    closed = _round(
        revision,
        FollowUpRound.Kind.TERTIAL_2,
        "Maj–augusti 2019",
        datetime.date(2019, 9, 13),
        coordinator,
    )
    if closed is not None:
        reported_at = timezone.make_aware(datetime.datetime(2019, 9, 10, 10, 0))
        _entries(closed, activities, CLOSED_ROUND_REPORTS, statuses, reporter, reported_at, coordinator)
        closed.overall_comment = OVERALL_COMMENT
        closed.status = FollowUpRound.Status.CLOSED
        closed.closed_by = coordinator
        closed.closed_at = timezone.make_aware(datetime.datetime(2019, 9, 20, 15, 0))
        closed._change_reason = "Demodata: uppföljningen stängd"
        closed.save()

    # The open round's deadline has passed: its unreported activities show as overdue.
    open_round = _round(revision, FollowUpRound.Kind.ANNUAL, "2019", datetime.date(2020, 1, 31), coordinator)
    if open_round is not None:
        reported_at = timezone.make_aware(datetime.datetime(2020, 1, 20, 9, 30))
        _entries(open_round, activities, OPEN_ROUND_REPORTS, statuses, reporter, reported_at, coordinator)
    return revision


def _round(revision, kind, period, deadline, coordinator):
    """A new round, or None when it exists already (the demo is loaded once)."""
    if FollowUpRound.objects.filter(revision=revision, kind=kind, period=period).exists():
        return None
    round_ = FollowUpRound(
        revision=revision, kind=kind, period=period, deadline=deadline, opened_by=coordinator
    )
    round_._change_reason = "Demodata: uppföljning öppnad"
    round_.save()
    return round_


def _entries(round_, activities, reports, statuses, reporter, reported_at, coordinator):
    entries = []
    for index, activity in enumerate(activities):
        report = reports[index % len(reports)]
        entry = ActivityFollowUp(round=round_, activity=activity)
        if report is not None:
            label, narrative = report
            entry.status = statuses.get(label)
            entry.narrative = narrative
            entry.reported_by = reporter(activity)
            entry.reported_at = reported_at
            entry.version = 2
        entries.append(entry)
    bulk_create_with_history(
        entries, ActivityFollowUp, default_user=coordinator, default_change_reason="Demodata"
    )
