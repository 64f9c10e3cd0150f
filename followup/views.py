"""Follow-up pages: rounds, progress, reporting, the nämnd's report, history, overview and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from documents.case_views import case_edit
from organisations import access, editing
from organisations.access import Action, Perm
from plans.models import ActionPlan, Activity, PlanRevision

from . import export, selectors, services
from .forms import CommentForm, ReportForm, RoundOpenForm
from .models import ActivityFollowUp, FollowUpRound, FollowUpStatus, statuses_for

PAGE_SIZE = 25


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


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
        .select_related("revision__plan__organisation", "meeting__organisation__meeting_rule")
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
    round_ = selectors.round_for(request.user, pk)
    today = timezone.localdate()
    entries = _round_entries(round_)
    groups = selectors.report_groups(entries, today)
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
            "may_manage": access.can(request.user, Action.CHANGE, round_),
            "may_export": access.can(request.user, Action.EXPORT, round_),
        },
    )


@login_required
def round_report(request, pk):
    """The report for the nämnd: Aktivitet / Mål / Uppföljning grouped by responsible unit."""
    round_ = selectors.round_for(request.user, pk)
    entries = _round_entries(round_)
    return TemplateResponse(
        request,
        "followup/round_report.html",
        {
            "round": round_,
            "groups": selectors.report_groups(entries, timezone.localdate()),
            "summary": selectors.status_summary(entries, statuses_for(round_.organisation)),
            "total": len(entries),
            "may_export": access.has_perm(request.user, Perm.EXPORT, round_.organisation),
            # Problem titles are lägesbild text: only for those who may read the lägesbild.
            "indicator_rows": selectors.indicator_rows(round_),
            "problem_groups": selectors.problem_groups(round_, entries)
            if access.has_perm(request.user, Perm.VIEW_SITUATION, round_.organisation)
            else [],
        },
    )


@login_required
def round_export(request, pk):
    round_ = selectors.round_for(request.user, pk, Perm.EXPORT)
    entries = _round_entries(round_)
    content = export.round_workbook(
        round_,
        selectors.report_groups(entries, timezone.localdate()),
        selectors.status_summary(entries, statuses_for(round_.organisation)),
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export.filename(round_)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def round_comment(request, pk):
    round_ = selectors.round_for(request.user, pk, Perm.MANAGE_FOLLOWUP)
    if not access.can(request.user, Action.CHANGE, round_):
        messages.error(request, "Uppföljningen är stängd. Den samlade kommentaren kan inte ändras.")
        return redirect(round_)
    status, conflict = 200, None
    initial = {"comment": round_.overall_comment}
    form = CommentForm(request.POST or None, initial=initial, current=round_)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_comment(
                    round=round_,
                    comment=form.cleaned_data["comment"],
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except services.EditConflict as error:
                conflict, status = error, editing.CONFLICT_STATUS
                form = CommentForm.after_conflict(form, error, initial=initial)
            else:
                messages.success(request, "Den samlade kommentaren är sparad.")
                return redirect(round_)
        else:
            status = 400
    return TemplateResponse(
        request,
        "followup/round_comment.html",
        {"round": round_, "form": form, "conflict": conflict},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_close(request, pk):
    round_ = selectors.round_for(request.user, pk, Perm.MANAGE_FOLLOWUP)
    if not access.can(request.user, Action.DECIDE, round_):
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
            "round__meeting__organisation__meeting_rule",
            "activity__chapter",
            "activity__responsible_unit",
            "status",
            "reported_by",
        ),
        pk=pk,
    )
    back = entry.round if access.has_perm(user, Perm.VIEW_FOLLOWUP, entry.round.organisation) else None
    try:
        access.require_can(user, Action.REPORT, entry)  # 403 unless the role may report on it
    except access.Frozen:
        messages.error(request, "Uppföljningen är stängd. Återrapporteringen kan inte ändras.")
        return redirect(back or "followup:my_entries")
    statuses = FollowUpStatus.objects.filter(pk__in=[s.pk for s in statuses_for(entry.round.organisation)])
    indicators = list(entry.activity.indicators.all())
    status, conflict = 200, None
    initial = {"status": entry.status_id, "narrative": entry.narrative}
    for value in entry.round.indicator_values.filter(indicator__in=indicators):
        initial[f"indicator_{value.indicator_id}"] = value.value
        initial[f"assessment_{value.indicator_id}"] = value.assessment
    form = ReportForm(
        request.POST or None, statuses=statuses, indicators=indicators, initial=initial, current=entry
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.report(
                    entry=entry,
                    status=form.cleaned_data["status"],
                    narrative=form.cleaned_data["narrative"],
                    version=form.cleaned_data["version"],
                    by=user,
                    indicator_values=form.indicator_values(),
                )
            except services.EditConflict as error:
                conflict, status = error, editing.CONFLICT_STATUS
                form = ReportForm.after_conflict(
                    form, error, statuses=statuses, indicators=indicators, initial=initial
                )
            except services.FollowUpError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, "Återrapporteringen är sparad.")
                return redirect(back or "followup:my_entries")
        else:
            status = 400
    return TemplateResponse(
        request,
        "followup/entry_form.html",
        {"entry": entry, "form": form, "back": back, "conflict": conflict},
        status=status,
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
        .select_related(
            "round__revision__plan__organisation",
            "round__meeting__organisation__meeting_rule",
            "activity__responsible_unit",
            "status",
        )
        .order_by(F("reported_at").asc(nulls_first=True), "round__deadline", "activity__order", "pk")
    )
    page_obj = _page(request, entries)
    today = timezone.localdate()
    for entry in page_obj:
        entry.overdue = entry.is_overdue(today)
    return TemplateResponse(request, "followup/my_entries.html", {"page_obj": page_obj})


@login_required
def activity_history(request, pk):
    """An activity's status across every round, and across revisions through the copy lineage."""
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("chapter__revision__plan__organisation"),
        pk=pk,
    )
    ids = selectors.activity_lineage_ids(activity)
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
    """Central samordnare: every plan under the user, its open round first (else the latest), side by side.

    A plan without any round still counts the activities of its adopted revision, so a 22-activity plan
    never shows "Totalt 0"; an open round past its deadline is marked overdue.
    """
    user = request.user
    if not access.has_any(user, Perm.VIEW_FOLLOWUP):
        raise PermissionDenied
    chosen = FollowUpRound.objects.filter(revision__plan=OuterRef("pk")).order_by(
        Case(When(status=FollowUpRound.Status.OPEN, then=0), default=1), "-deadline", "-pk"
    )
    adopted_activities = (
        Activity.objects.filter(
            chapter__revision__plan=OuterRef("pk"), chapter__revision__status=PlanRevision.Status.ADOPTED
        )
        .order_by()
        .values("chapter__revision__plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    plans = (
        ActionPlan.objects.filter(organisation__in=access.organisations_for(user, Perm.VIEW_FOLLOWUP))
        .select_related("organisation")
        .annotate(
            latest_round_id=Subquery(chosen.values("pk")[:1]),
            adopted_activities=Coalesce(Subquery(adopted_activities), 0),
        )
        .order_by("organisation__path", "title")
    )
    page_obj = _page(request, plans)
    rows, columns = selectors.overview_rows(page_obj, {plan.pk: plan.latest_round_id for plan in page_obj})
    today = timezone.localdate()
    for row in rows:
        round_ = row["round"]
        row["overdue"] = round_ is not None and not round_.is_closed and round_.deadline < today
        if round_ is None:
            row["total"] = row["plan"].adopted_activities
    return TemplateResponse(
        request,
        "followup/overview.html",
        {"page_obj": page_obj, "rows": rows, "columns": columns},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_case_edit(request, pk):
    """Ärendet presenting the report to the nämnd (the shared ärende page, documents.case_views)."""
    round_ = selectors.round_for(request.user, pk, Perm.MANAGE_FOLLOWUP)
    return case_edit(
        request,
        owner=round_,
        crumbs=[
            ("Start", reverse("home")),
            ("Uppföljning", reverse("followup:round_list")),
            (f"{round_.get_kind_display()} {round_.period}", round_.get_absolute_url()),
        ],
        heading=f"Ärendet (tjänsteutlåtande) för uppföljningen {round_.get_kind_display().lower()} "
        f"{round_.period}",
        purpose="godkänna uppföljningsrapporten",
    )
