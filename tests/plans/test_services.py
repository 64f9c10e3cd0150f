"""The rules in plans.services, called directly as an admin action or import would."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from plans import services
from plans.models import Activity, PlanRevision
from tests.factories import PlanRevisionFactory

pytestmark = pytest.mark.django_db


def test_create_plan_makes_first_draft_with_attributed_history(coordinator, committee):
    plan = services.create_plan(organisation=committee, title="Handlingsplan", year=2025, by=coordinator)
    revision = plan.revisions.get()
    assert revision.status == PlanRevision.Status.DRAFT and revision.year == 2025
    record = revision.history.get()
    assert record.history_user == coordinator and record.history_change_reason == "Utkast för 2025 skapat"
    with pytest.raises(services.PlanError, match="redan en handlingsplan"):
        services.create_plan(organisation=committee, title="Handlingsplan", year=2026, by=coordinator)


def test_staff_and_other_coordinators_may_not_write(staff, other_coordinator, committee, draft):
    for user in (staff, other_coordinator):
        with pytest.raises(PermissionDenied):
            services.create_plan(organisation=committee, title="X", year=2025, by=user)
        with pytest.raises(PermissionDenied):
            services.add_chapter(revision=draft, heading="X", by=user)
    with pytest.raises(PermissionDenied):
        services.adopt_revision(
            revision=draft,
            decided_by="N",
            decided_on=datetime.date(2020, 5, 1),
            paragraph="1",
            diary_number="",
            by=staff,
        )


def test_adoption_supersedes_the_previous_adopted_revision(secretary, adopted, draft):
    services.adopt_revision(
        revision=draft,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2020, 5, 20),
        paragraph="7",
        diary_number="1.2-3/2020",
        by=secretary,
    )
    adopted.refresh_from_db()
    draft.refresh_from_db()
    assert adopted.status == PlanRevision.Status.SUPERSEDED and draft.status == PlanRevision.Status.ADOPTED
    assert adopted.history.first().history_change_reason == "Ersatt av revideringen 2020"
    assert draft.history.first().history_user == secretary


def test_start_next_copies_chapters_and_activities_with_lineage(coordinator, adopted, unit):
    original = Activity.objects.filter(chapter__revision=adopted).first()
    original.responsible_unit = unit
    original.save()
    draft = services.start_next_revision(source=adopted.plan, by=coordinator)
    assert (draft.year, draft.status, draft.copied_from) == (2020, PlanRevision.Status.DRAFT, adopted)
    copy = Activity.objects.get(copied_from=original)
    assert copy.chapter.revision == draft and copy.chapter.copied_from == original.chapter
    assert (copy.text, copy.responsible_unit, copy.timing) == (original.text, unit, original.timing)
    assert copy.history.get().history_change_reason == "Kopierad från revideringen 2019"
    # The adopted original is untouched.
    assert Activity.objects.filter(chapter__revision=adopted).count() == 2


def test_only_one_draft_per_plan(coordinator, adopted):
    services.start_next_revision(source=adopted, by=coordinator)
    with pytest.raises(services.DraftExists, match="bara finnas ett utkast"):
        services.start_next_revision(source=adopted, by=coordinator)
    with pytest.raises(IntegrityError):
        PlanRevisionFactory(plan=adopted.plan, year=2030)


def test_start_next_needs_an_adopted_revision(coordinator, plan):
    with pytest.raises(services.PlanError, match="antagna revideringen"):
        services.start_next_revision(source=plan, by=coordinator)


def test_start_next_refuses_a_superseded_source(coordinator, adopted):
    old = PlanRevisionFactory(
        plan=adopted.plan, year=2018, adopted=True, status=PlanRevision.Status.SUPERSEDED
    )
    with pytest.raises(services.PlanError):
        services.start_next_revision(source=old, by=coordinator)
    assert not adopted.plan.revisions.filter(status=PlanRevision.Status.DRAFT).exists()


def test_move_keeps_a_distinct_order_and_stops_at_the_ends(coordinator, draft):
    first, second = draft.chapters.order_by("order")
    assert services.move_chapter(chapter=first, direction="up", by=coordinator) is False
    assert services.move_chapter(chapter=first, direction="down", by=coordinator) is True
    assert list(draft.chapters.order_by("order").values_list("pk", flat=True)) == [second.pk, first.pk]
    with pytest.raises(services.PlanError):
        services.move_chapter(chapter=first, direction="sideways", by=coordinator)


def test_deleting_a_chapter_records_each_activity_in_history(coordinator, draft):
    chapter = draft.chapters.get(heading="Förebyggande arbete")
    ids = list(chapter.activities.values_list("pk", flat=True))
    services.delete_chapter(chapter=chapter, version=chapter.version, by=coordinator)
    records = Activity.history.filter(id__in=ids, history_type="-")
    assert records.count() == 2
    assert {r.history_change_reason for r in records} == {"Borttagen med kapitlet ”Förebyggande arbete”"}
    assert {r.history_user_id for r in records} == {coordinator.pk}


def test_activity_dates_must_be_in_order(coordinator, draft):
    from django.core.exceptions import ValidationError

    chapter = draft.chapters.get(heading="Förebyggande arbete")
    with pytest.raises(ValidationError):
        services.add_activity(
            chapter=chapter,
            text="X",
            starts_on=datetime.date(2021, 5, 1),
            ends_on=datetime.date(2021, 1, 1),
            by=coordinator,
        )
