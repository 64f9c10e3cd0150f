"""Reads shared by the follow-up pages, the PDF report and the export (no view helper is shared)."""

from collections import Counter

from django.db import connection
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404

from organisations import access
from organisations.access import Perm
from plans.models import Activity, Indicator
from situation.models import Problem

from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus, IndicatorValue

ROUND_RELATED = (
    "revision__plan__organisation",
    "opened_by",
    "closed_by",
    "meeting__organisation__meeting_rule",
)


def round_for(user, pk, perm=Perm.VIEW_FOLLOWUP) -> FollowUpRound:
    """The round if the user sees it (else 404) and holds `perm` for its plan's organisation (else 403)."""
    round_ = get_object_or_404(FollowUpRound.objects.visible_to(user).select_related(*ROUND_RELATED), pk=pk)
    access.require(user, perm, round_.organisation)
    return round_


NO_UNIT_LABEL = "Ansvarig enhet saknas"


def report_groups(entries, today):
    """Entries grouped by responsible unit, in the organisation tree's order, with their counts.

    Like the seed's follow-up (kun-uppfoljning-2022.txt, grouped by verksamhet): the unit is an
    organisation, so "Preventionssamordnare" and "Preventionssamordnaren" in the free-text Ansvarig
    no longer make two groups. Activities without a unit come last, under one heading that says so.
    """
    groups: dict[int | None, dict] = {}
    for entry in entries:
        entry.overdue = entry.is_overdue(today)
        unit = entry.activity.responsible_unit
        key = unit.pk if unit is not None else None
        group = groups.setdefault(
            key,
            {
                "label": unit.name if unit is not None else NO_UNIT_LABEL,
                "unit": unit,
                "entries": [],
                "reported": 0,
                "missing": 0,
                "overdue": 0,
            },
        )
        group["entries"].append(entry)
        if entry.is_reported:
            group["reported"] += 1
        else:
            group["missing"] += 1
            group["overdue"] += entry.overdue
    return sorted(
        groups.values(),
        key=lambda g: (g["unit"] is None, _tree_position(g["unit"]), g["label"].casefold()),
    )


def _tree_position(organisation) -> tuple[int, ...]:
    """Sort key of the tree's order: the materialised path "/1/4/9/" read as numbers."""
    if organisation is None:
        return ()
    return tuple(int(part) for part in organisation.path.strip("/").split("/") if part)


def status_summary(entries, scale):
    """[(status or None, count)] for every status of the scale and the unreported ones."""
    counts = Counter(entry.status_id for entry in entries)
    rows = [(status, counts.get(status.pk, 0)) for status in scale]
    known = {status.pk for status in scale}
    # A status no longer on the scale still counts, so that the total adds up.
    for status in {e.status for e in entries if e.status_id and e.status_id not in known}:
        rows.append((status, counts[status.pk]))
    rows.append((None, counts.get(None, 0)))
    return rows


def activity_lineage_ids(activity) -> list[int]:
    """Ids of the activity and of its copies in earlier and later revisions (through copied_from).

    One query: a recursive CTE walks up to the first version and then down to every copy of it, so the
    cost does not grow with the number of years. UNION (not UNION ALL) stops at a cycle.
    """
    table = connection.ops.quote_name(Activity._meta.db_table)
    sql = f"""
        WITH RECURSIVE up(id, copied_from_id) AS (
            SELECT id, copied_from_id FROM {table} WHERE id = %s
            UNION
            SELECT a.id, a.copied_from_id FROM {table} a JOIN up ON a.id = up.copied_from_id
        ),
        down(id) AS (
            SELECT id FROM up WHERE copied_from_id IS NULL OR copied_from_id NOT IN (SELECT id FROM up)
            UNION
            SELECT a.id FROM {table} a JOIN down ON a.copied_from_id = down.id
        )
        SELECT id FROM up UNION SELECT id FROM down
    """  # noqa: S608 - the table name comes from the model, the id is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [activity.pk])
        return [row[0] for row in cursor.fetchall()]


def overview_rows(plans, round_ids_by_plan):
    """The overview table: for each plan its chosen round's status counts, and the status columns."""
    round_ids = [pk for pk in round_ids_by_plan.values() if pk]
    rounds = FollowUpRound.objects.select_related("revision").in_bulk(round_ids)
    counts: dict[int, Counter] = {}
    for row in (
        ActivityFollowUp.objects.filter(round_id__in=round_ids)
        .values("round_id", "status_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["round_id"], Counter())[row["status_id"]] = row["n"]
    used = {status_id for c in counts.values() for status_id in c if status_id}
    columns = list(
        FollowUpStatus.objects.filter(Q(organisation__isnull=True) | Q(pk__in=used)).order_by(
            F("organisation_id").asc(nulls_first=True), "order"
        )
    )
    rows = []
    for plan in plans:
        round_id = round_ids_by_plan.get(plan.pk)
        c = counts.get(round_id, Counter())
        rows.append(
            {
                "plan": plan,
                "round": rounds.get(round_id),
                "cells": [c.get(status.pk, 0) for status in columns],
                "missing": c.get(None, 0),
                "total": sum(c.values()),
            }
        )
    return rows, columns


def problem_groups(round_, entries) -> list[dict]:
    """The report read per prioritised problem of the lägesbild the revision rests on: which activities
    answer it and their status in this round. Problems no activity answers come with no entries.
    Two queries whatever the number of problems and activities."""
    picture_id = round_.revision.situation_picture_id
    if picture_id is None:
        return []
    problems = list(Problem.objects.filter(picture_id=picture_id).prioritised())
    by_activity: dict[int, list] = {}
    for entry in entries:
        by_activity.setdefault(entry.activity_id, []).append(entry)
    links = Activity.problems.through.objects.filter(
        activity_id__in=list(by_activity), problem__picture_id=picture_id
    ).values_list("problem_id", "activity_id")
    answering: dict[int, list] = {}
    for problem_id, activity_id in links:
        answering.setdefault(problem_id, []).extend(by_activity.get(activity_id, []))
    return [{"problem": problem, "entries": answering.get(problem.pk, [])} for problem in problems]


def indicator_rows(round_) -> list[dict]:
    """Each indicator of the round's plan: its latest value reported up to this round, against the
    target for the plan's year. Three queries whatever the number of indicators."""
    year = round_.revision.year
    indicators = (
        Indicator.objects.filter(activity__chapter__revision_id=round_.revision_id)
        .select_related("activity")
        .prefetch_related("targets")
        .order_by("activity__chapter__order", "activity__order", "order", "pk")
    )
    indicators = list(indicators)
    if not indicators:
        return []
    values: dict[int, IndicatorValue] = {}
    for value in (
        IndicatorValue.objects.filter(indicator__in=indicators, round__opened_at__lte=round_.opened_at)
        .select_related("round__revision")
        .order_by("round__opened_at", "pk")
    ):
        values[value.indicator_id] = value  # the newest wins
    rows = []
    for indicator in indicators:
        latest = values.get(indicator.pk)
        target = indicator.target_for(year)
        rows.append(
            {
                "indicator": indicator,
                "latest": latest,
                "target": target,
                "met": _met(indicator, latest, target),
            }
        )
    return rows


def _met(indicator, latest, target) -> str:
    """'ja' / 'nej' / '' (no value or no target): whether the value is on the good side of the target."""
    if latest is None or target is None:
        return ""
    if indicator.direction == Indicator.Direction.LOWER:
        return "ja" if latest.value <= target.value else "nej"
    return "ja" if latest.value >= target.value else "nej"
