"""Staff catalogue of adopted activities, its export, the CSV import into a draft, and routines."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from organisations import access, editing, submissions
from organisations.access import Action, Perm
from organisations.editing import EditConflict

from . import catalogue, exchange
from .catalogue_forms import RoutineForm
from .filters import ActivityFilter, RoutineFilter
from .models import Routine
from .routines import create_routine, update_routine

PAGE_SIZE = 25


def _require_reader(user):
    if not access.has_any(user, Perm.VIEW_PLAN):
        raise PermissionDenied


def _querystring(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _catalogue(request) -> ActivityFilter:
    """The filtered catalogue: entries of adopted revisions the user may see, in plan order."""
    scope = catalogue.scope_for(request.user)
    return ActivityFilter(
        request.GET or None, queryset=catalogue.entries(scope), request=request, scope=scope
    )


@login_required
def activity_list(request):
    _require_reader(request.user)
    filterset = _catalogue(request)
    counts = None if filterset.has_text_filter else filterset.scope.counts(**filterset.structured())
    paginator = catalogue.CataloguePaginator(catalogue.page_rows(filterset.qs), PAGE_SIZE, counts=counts)
    page_obj = paginator.get_page(request.GET.get("page"))
    entries = list(page_obj.object_list)
    activities = [entry.activity for entry in entries]
    return render(
        request,
        "plans/activity_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "activities": activities,
            "rows": catalogue.table_rows(entries),
            "count_cap": catalogue.COUNT_CAP,
            "querystring": _querystring(request),
            "can_export": access.has_any(request.user, Perm.EXPORT),
        },
    )


def _export(request, extension, content_type, render_rows):
    _require_reader(request.user)
    if not access.has_any(request.user, Perm.EXPORT):
        raise PermissionDenied
    activities = catalogue.export_rows(_catalogue(request).qs)
    response = HttpResponse(render_rows(activities), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{exchange.export_filename(extension)}"'
    return response


@login_required
def activity_export_xlsx(request):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _export(request, "xlsx", content_type, exchange.export_xlsx)


@login_required
def activity_export_csv(request):
    return _export(request, "csv", "text/csv; charset=utf-8", exchange.export_csv)


# --- routines ---------------------------------------------------------------------------------------


@login_required
def routine_list(request):
    # No permission check beyond sign-in: the header links here from every page, and a user without a
    # role simply sees no routines (visible_to is empty) and is told whom to ask.
    routines = Routine.objects.visible_to(request.user).select_related("organisation")
    filterset = RoutineFilter(request.GET or None, queryset=routines)
    concern_first = Case(
        When(kind=Routine.Kind.CONCERN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    ordered = filterset.qs.order_by(concern_first, "organisation__path", "kind", "title")
    page_obj = Paginator(ordered, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "plans/routine_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "routines": page_obj.object_list,
            "querystring": _querystring(request),
            "can_create": access.has_any(request.user, Perm.EDIT_PLAN),
        },
    )


@login_required
def routine_detail(request, pk):
    routine = get_object_or_404(
        Routine.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    can_edit = access.can(request.user, Action.CHANGE, routine)
    return render(request, "plans/routine_detail.html", {"routine": routine, "can_edit": can_edit})


@login_required
def routine_create(request):
    if not access.has_any(request.user, Perm.EDIT_PLAN):
        raise PermissionDenied
    form = RoutineForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("submission")
        try:
            with transaction.atomic():
                submission = submissions.claim(token, request.user)
                routine = create_routine(by=request.user, **data)
                submissions.record_result(submission, routine.get_absolute_url())
        except submissions.AlreadySubmitted as done:
            messages.info(request, "Rutinen är redan sparad (formuläret skickades två gånger).")
            return redirect(done.result_url or "plans:routine_list")
        messages.success(request, "Rutinen är sparad.")
        return redirect(routine)
    status = 400 if request.method == "POST" else 200
    return render(request, "plans/routine_form.html", {"form": form}, status=status)


@login_required
def routine_edit(request, pk):
    routine = get_object_or_404(
        Routine.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    access.require_can(request.user, Action.CHANGE, routine)
    form = RoutineForm(request.POST or None, instance=routine, user=request.user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                routine = update_routine(
                    routine=routine,
                    version=form.cleaned_data["version"],
                    by=request.user,
                    **form.edited_values(),
                )
            except EditConflict as conflict:
                form = RoutineForm.after_conflict(form, conflict, user=request.user)
                context = {"form": form, "routine": routine, "conflict": conflict}
                return render(request, "plans/routine_form.html", context, status=editing.CONFLICT_STATUS)
            messages.success(request, "Rutinen är sparad.")
            return redirect(routine)
    return render(request, "plans/routine_form.html", {"form": form, "routine": routine}, status=status)
