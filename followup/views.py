"""Follow-up pages: rounds, progress, reporting, the nämnd's report, history, overview and export."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from organisations import access
from organisations.access import Perm
from plans.models import ActionPlan, Activity

from . import export, services
from .forms import CommentForm, ReportForm, RoundOpenForm
from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus, statuses_for

PAGE_SIZE = 25
ROUND_RELATED = ("revision__plan__organisation", "opened_by", "closed_by")


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _round(request, pk, perm=Perm.VIEW_FOLLOWUP) -> FollowUpRound:
    """The round if the user sees it (else 404) and holds `perm` for its plan's organisation (else 403)."""
    round_ = get_object_or_404(
        FollowUpRound.objects.visible_to(request.user).select_related(*ROUND_RELATED), pk=pk
    )
    access.require(request.user, perm, round_.organisation)
    return round_


def _groups(entries, today):
    """Entries grouped by responsible unit (else the plan's free text), with their counts."""
    groups: dict[str, dict] = {}
    for entry in entries:
        entry.overdue = entry.is_overdue(today)
        group = groups.setdefault(
            entry.responsible_label,
            {"label": entry.responsible_label, "entries": [], "reported": 0, "missing": 0, "overdue": 0},
        )
        group["entries"].append(entry)
        if entry.is_reported:
            group["reported"] += 1
        else:
            group["missing"] += 1
            group["overdue"] += entry.overdue
    return sorted(groups.values(), key=lambda g: g["label"].casefold())


def _round_entries(round_):
    return list(round_.entries.with_report_context())


@login_required
def round_list(request):
    user = request.user
    if not access.has_any(user, Perm.VIEW_FOLLOWUP):
        if access.has_any(user, Perm.REPORT_FOLLOWUP):
            return redirect("followup:my_entries")
        raise PermissionDenied
    rounds = (
        FollowUpRound.objects.viewable_by(user)
        .select_related("revision__plan__organisation")
        .annotate(total=Count("entries"), reported=Count("entries", filter=Q(entries__status__isnull=False)))
        .order_by("-deadline", "-pk")
    )
    return TemplateResponse(
        request,
        "followup/round_list.html",
        {
            "page_obj": _page(request, rounds),
            "can_open": access.has_any(user, Perm.MANAGE_FOLLOWUP),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_open(request):
    if not access.has_any(request.user, Perm.MANAGE_FOLLOWUP):
        raise PermissionDenied
    if request.method == "POST":
        form = RoundOpenForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                round_ = services.open_round(by=request.user, **form.cleaned_data)
            except services.FollowUpError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Uppföljningen är öppnad med {round_.entries.count()} aktiviteter att rapportera.",
                )
                return redirect(round_)
        status = 400
    else:
        form = RoundOpenForm(user=request.user, initial={"revision": request.GET.get("revision")})
        status = 200
    return TemplateResponse(request, "followup/round_form.html", {"form": form}, status=status)


@login_required
def round_detail(request, pk):
    """Progress: how many activities each responsible unit has reported, missing and overdue marked."""
    round_ = _round(request, pk)
    today = timezone.localdate()
    entries = _round_entries(round_)
    groups = _groups(entries, today)
    reported = sum(g["reported"] for g in groups)
    return TemplateResponse(
        request,
        "followup/round_detail.html",
        {
            "round": round_,
            "groups": groups,
            "total": len(entries),
            "reported": reported,
            "missing": len(entries) - reported,
            "overdue": sum(g["overdue"] for g in groups),
            "may_manage": access.has_perm(request.user, Perm.MANAGE_FOLLOWUP, round_.organisation),
            "may_export": access.has_perm(request.user, Perm.EXPORT, round_.organisation),
        },
    )


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


@login_required
def round_report(request, pk):
    """The report for the nämnd: Aktivitet / Mål / Uppföljning grouped by responsible unit."""
    round_ = _round(request, pk)
    entries = _round_entries(round_)
    return TemplateResponse(
        request,
        "followup/round_report.html",
        {
            "round": round_,
            "groups": _groups(entries, timezone.localdate()),
            "summary": status_summary(entries, statuses_for(round_.organisation)),
            "total": len(entries),
            "may_export": access.has_perm(request.user, Perm.EXPORT, round_.organisation),
        },
    )


@login_required
def round_export(request, pk):
    round_ = _round(request, pk, Perm.EXPORT)
    entries = _round_entries(round_)
    content = export.round_workbook(
        round_,
        _groups(entries, timezone.localdate()),
        status_summary(entries, statuses_for(round_.organisation)),
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename(round_)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def round_comment(request, pk):
    round_ = _round(request, pk, Perm.MANAGE_FOLLOWUP)
    if round_.is_closed:
        messages.error(request, "Uppföljningen är stängd. Den samlade kommentaren kan inte ändras.")
        return redirect(round_)
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                services.update_comment(
                    round=round_,
                    comment=form.cleaned_data["comment"],
                    expected_version=form.cleaned_data["version"],
                    by=request.user,
                )
            except services.Conflict as exc:
                data = request.POST.copy()
                data["version"] = exc.current.version
                form = CommentForm(data)
                form.is_valid()
                form.add_error(None, str(exc))
                status = 409
            else:
                messages.success(request, "Den samlade kommentaren är sparad.")
                return redirect(round_)
        else:
            status = 400
    else:
        form = CommentForm(initial={"comment": round_.overall_comment, "version": round_.version})
    return TemplateResponse(
        request, "followup/round_comment.html", {"round": round_, "form": form}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request, pk):
    round_ = _round(request, pk, Perm.MANAGE_FOLLOWUP)
    if round_.is_closed:
        messages.error(request, "Uppföljningen är redan stängd.")
        return redirect(round_)
    if request.method == "POST":
        services.close_round(round=round_, by=request.user)
        messages.success(request, "Uppföljningen är stängd. Återrapporteringarna kan inte längre ändras.")
        return redirect(round_)
    missing = round_.entries.filter(status__isnull=True).count()
    return TemplateResponse(request, "followup/round_close.html", {"round": round_, "missing": missing})


@login_required
@require_http_methods(["GET", "POST"])
def entry_report(request, pk):
    """Report the status and narrative of one activity (samordnare: all; staff: own unit's)."""
    user = request.user
    entry = get_object_or_404(
        ActivityFollowUp.objects.filter(round__in=FollowUpRound.objects.visible_to(user)).select_related(
            "round__revision__plan__organisation",
            "activity__chapter",
            "activity__responsible_unit",
            "status",
            "reported_by",
        ),
        pk=pk,
    )
    if not entry.may_report(user):
        raise PermissionDenied
    back = entry.round if access.has_perm(user, Perm.VIEW_FOLLOWUP, entry.round.organisation) else None
    if entry.round.is_closed:
        messages.error(request, "Uppföljningen är stängd. Återrapporteringen kan inte ändras.")
        return redirect(back or "followup:my_entries")
    statuses = FollowUpStatus.objects.filter(pk__in=[s.pk for s in statuses_for(entry.round.organisation)])
    status = 200
    if request.method == "POST":
        form = ReportForm(request.POST, statuses=statuses)
        if form.is_valid():
            try:
                services.report(
                    entry=entry,
                    status=form.cleaned_data["status"],
                    narrative=form.cleaned_data["narrative"],
                    expected_version=form.cleaned_data["version"],
                    by=user,
                )
            except services.Conflict as exc:
                data = request.POST.copy()
                data["version"] = exc.current.version
                form = ReportForm(data, statuses=statuses)
                form.is_valid()
                form.add_error(None, str(exc))
                status = 409
            except services.FollowUpError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, "Återrapporteringen är sparad.")
                return redirect(back or "followup:my_entries")
        else:
            status = 400
    else:
        form = ReportForm(
            statuses=statuses,
            initial={"status": entry.status_id, "narrative": entry.narrative, "version": entry.version},
        )
    return TemplateResponse(
        request, "followup/entry_form.html", {"entry": entry, "form": form, "back": back}, status=status
    )


@login_required
def my_entries(request):
    """Min återrapportering: the open rounds' activities this user may report on, unreported first."""
    user = request.user
    if not (access.has_any(user, Perm.REPORT_FOLLOWUP) or access.has_any(user, Perm.MANAGE_FOLLOWUP)):
        raise PermissionDenied
    entries = (
        ActivityFollowUp.objects.reportable_by(user)
        .filter(round__status=FollowUpRound.Status.OPEN)
        .select_related("round__revision__plan__organisation", "activity__responsible_unit", "status")
        .order_by(F("reported_at").asc(nulls_first=True), "round__deadline", "activity__order", "pk")
    )
    page_obj = _page(request, entries)
    today = timezone.localdate()
    for entry in page_obj:
        entry.overdue = entry.is_overdue(today)
    return TemplateResponse(request, "followup/my_entries.html", {"page_obj": page_obj})


def _lineage(activity) -> list[int]:
    """Ids of the activity and of its copies in earlier and later revisions (through copied_from)."""
    ids = [activity.pk]
    parent_id, seen = activity.copied_from_id, {activity.pk}
    while parent_id and parent_id not in seen:
        seen.add(parent_id)
        ids.append(parent_id)
        parent_id = Activity.objects.filter(pk=parent_id).values_list("copied_from_id", flat=True).first()
    frontier = [activity.pk]
    while frontier:
        children = Activity.objects.filter(copied_from__in=frontier).values_list("pk", flat=True)
        frontier = [pk for pk in children if pk not in seen]
        seen.update(frontier)
        ids.extend(frontier)
    return ids


@login_required
def activity_history(request, pk):
    """An activity's status across every round, and across revisions through the copy lineage."""
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("chapter__revision__plan__organisation"),
        pk=pk,
    )
    ids = _lineage(activity)
    entries = (
        ActivityFollowUp.objects.visible_to(request.user)
        .filter(activity_id__in=ids)
        .select_related("round__revision", "status", "reported_by", "activity")
        .order_by("round__revision__year", "round__deadline", "round__pk")
    )
    versions = (
        Activity.objects.visible_to(request.user)
        .filter(pk__in=ids)
        .select_related("chapter__revision")
        .order_by("chapter__revision__year", "pk")
    )
    return TemplateResponse(
        request,
        "followup/activity_history.html",
        {"activity": activity, "entries": entries, "versions": versions},
    )


@login_required
def overview(request):
    """Central samordnare: every plan under the user with its latest round's status counts side by side."""
    user = request.user
    if not access.has_any(user, Perm.VIEW_FOLLOWUP):
        raise PermissionDenied
    latest = FollowUpRound.objects.filter(revision__plan=OuterRef("pk")).order_by("-deadline", "-pk")
    plans = (
        ActionPlan.objects.filter(organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP))
        .select_related("organisation")
        .annotate(latest_round_id=Subquery(latest.values("pk")[:1]))
        .order_by("organisation__path", "title")
    )
    page_obj = _page(request, plans)
    round_ids = [plan.latest_round_id for plan in page_obj if plan.latest_round_id]
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
    for plan in page_obj:
        round_ = rounds.get(plan.latest_round_id)
        c = counts.get(plan.latest_round_id, Counter())
        rows.append(
            {
                "plan": plan,
                "round": round_,
                "cells": [c.get(status.pk, 0) for status in columns],
                "missing": c.get(None, 0),
                "total": sum(c.values()),
            }
        )
    return TemplateResponse(
        request,
        "followup/overview.html",
        {"page_obj": page_obj, "rows": rows, "columns": columns},
    )
