"""The nämnd's meeting calendar: list, add, edit, import a year, and the rule for papers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from organisations import access, editing
from organisations.access import Action, Perm
from organisations.editing import EditConflict
from organisations.models import Organisation

from . import importer, services
from .forms import MeetingCreateForm, MeetingForm, MeetingImportForm, RuleForm
from .models import DEFAULT_FOLLOWUP_DAYS, DEFAULT_PAPERS_DAYS, Meeting, MeetingRule

PAGE_SIZE = 50


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def meeting_list(request):
    """Every meeting of the nämnder whose plans the user reads, filtered by nämnd and year."""
    meetings = Meeting.objects.visible_to(request.user).with_rule()
    organisation_id, year = _int(request.GET.get("organisation")), _int(request.GET.get("ar"))
    if organisation_id:
        meetings = meetings.filter(organisation_id=organisation_id)
    if year:
        meetings = meetings.filter(date__year=year)
    page_obj = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    managed = set(access.organisations_for(request.user, Perm.MANAGE_MEETINGS).values_list("pk", flat=True))
    committees = Organisation.objects.filter(
        pk__in=access.organisations_for(request.user, Perm.VIEW_PLAN), kind=Organisation.Kind.COMMITTEE
    )
    query = "&".join(f"{k}={v}" for k, v in (("organisation", organisation_id), ("ar", year)) if v)
    return TemplateResponse(
        request,
        "meetings/meeting_list.html",
        {
            "page_obj": page_obj,
            "managed": managed,
            "may_manage": bool(managed),
            "committees": committees,
            "organisation_id": organisation_id,
            "year": year,
            "querystring": query,
        },
    )


def _require_manager(user):
    if not access.has_any(user, Perm.MANAGE_MEETINGS):
        raise PermissionDenied


@login_required
def meeting_create(request):
    _require_manager(request.user)
    form = MeetingCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            meeting = services.create_meeting(by=request.user, **data)
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Sammanträdet {meeting.date.isoformat()} är inlagt.")
            return redirect(meeting)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "meetings/meeting_form.html", {"form": form, "title": "Nytt sammanträde"}, status=status
    )


@login_required
def meeting_edit(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).with_rule(), pk=pk)
    access.require_can(request.user, Action.CHANGE, meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    status, conflict = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.update_meeting(
                    meeting=meeting,
                    data=form.edited_values(),
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            except EditConflict as error:
                conflict, status = error, editing.CONFLICT_STATUS
                form = MeetingForm.after_conflict(form, error)
            except services.MeetingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Sammanträdet {saved.date.isoformat()} är sparat.")
                return redirect(saved)
    context = _edit_context(meeting, form)
    context["conflict"] = conflict
    return TemplateResponse(request, "meetings/meeting_form.html", context, status=status)


def _edit_context(meeting, form):
    return {"form": form, "meeting": meeting, "title": f"Ändra sammanträdet {meeting.date.isoformat()}"}


@login_required
def meeting_import(request):
    """A year's sammanträdesordning from CSV or XLSX: every row or none."""
    _require_manager(request.user)
    form = MeetingImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors = []
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            upload = form.cleaned_data["file"]
            rows = importer.read_meetings(upload.read(), year=form.cleaned_data["year"], filename=upload.name)
            created = services.import_meetings(organisation=organisation, rows=rows, by=request.user)
        except importer.ImportFailed as error:
            errors = error.errors
        except services.MeetingError as error:
            errors = [error.message]
        else:
            messages.success(request, f"{len(created)} sammanträden importerades för {organisation.name}.")
            return redirect(f"{redirect('meetings:meeting_list').url}?organisation={organisation.pk}")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "meetings/meeting_import.html", {"form": form, "errors": errors}, status=status
    )


@login_required
def rule_edit(request, organisation_pk):
    """The nämnd's rule: how many days before the meeting papers and follow-up are due."""
    organisation = get_object_or_404(
        Organisation.objects.filter(pk__in=access.organisations_for(request.user, Perm.VIEW_PLAN)),
        pk=organisation_pk,
    )
    access.require(request.user, Perm.MANAGE_MEETINGS, organisation)
    rule = MeetingRule.objects.filter(organisation=organisation).first() or MeetingRule(
        organisation=organisation,
        papers_days_before=DEFAULT_PAPERS_DAYS,
        followup_days_before_papers=DEFAULT_FOLLOWUP_DAYS,
    )
    form = RuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rule(organisation=organisation, by=request.user, **form.cleaned_data)
        except services.MeetingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Regeln för {organisation.name} är sparad.")
            return redirect(f"{redirect('meetings:meeting_list').url}?organisation={organisation.pk}")
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "meetings/rule_form.html", {"form": form, "organisation": organisation}, status=status
    )
