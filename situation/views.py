"""Lokal lägesbild in the browser. Readers: samordnare, nämndsekreterare, central samordnare.

Every URL first asks whether the user may see any lägesbild at all (a medarbetare gets 403), then
looks the object up among those visible to the user (404 for another organisation's), and edits
ask for edit_situation on the picture's organisation (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from documents.case_views import case_edit
from organisations import access, editing
from organisations.access import Action, Perm
from organisations.editing import EditConflict

from . import selectors, services
from .charts import comparison_chart
from .comparison import year_over_year
from .forms import ObservationForm, PictureCreateForm, ProblemForm, SourceForm, picture_form_class
from .models import Observation, Problem, SituationPicture, Source

PAGE_SIZE = 20


situation_reader = access.holders_of(Perm.VIEW_SITUATION)


def _picture(request, pk, *, for_update=False) -> SituationPicture:
    picture = get_object_or_404(
        SituationPicture.objects.visible_to(request.user).select_related("organisation"), pk=pk
    )
    if for_update:
        _require_editable(request, picture)
    return picture


def _child(request, model, pk):
    obj = get_object_or_404(
        model.objects.select_related("picture__organisation").filter(
            picture__in=SituationPicture.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    _require_editable(request, obj.picture)
    return obj


def _already_deleted(request, model, pk, message):
    """A second delete of a source, observation or problem: back to its lägesbild with a message, if
    the user may see it; otherwise the usual 404. Called when the lookup failed, not before it, so a
    delete committed in between cannot turn a double click into a 404."""
    if request.method != "POST":
        raise Http404
    record = model.history.filter(id=pk, history_type="-").order_by("-history_date").first()
    visible = SituationPicture.objects.visible_to(request.user)
    picture = record and visible.filter(pk=record.picture_id).first()
    if picture is None:
        raise Http404
    messages.info(request, message)
    return redirect(picture)


def _require_editable(request, picture, action=Action.CHANGE):
    """403 unless the user may edit this organisation's lägesbild; 403 with the reason once fastställd."""
    access.require_can(request.user, action, picture)


def _save_form(request, form, save, success):
    """Run a service. Returns (saved, form, conflict): after a conflict the form is the merged one."""
    try:
        result = save()
    except EditConflict as conflict:
        return None, type(form).after_conflict(form, conflict), conflict
    except services.SituationError as refusal:  # e.g. the same lägesbild created by a double submit
        form.add_error(None, refusal.message)
        return None, form, None
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None, form, None
    messages.success(request, success)
    return result, form, None


def _status(form, conflict) -> int:
    if conflict:
        return editing.CONFLICT_STATUS
    return 400 if form.errors else 200


@situation_reader
def picture_list(request):
    pictures = (
        SituationPicture.objects.visible_to(request.user)
        .select_related("organisation")
        .annotate(
            source_count=Count("sources", distinct=True),
            observation_count=Count("observations", distinct=True),
        )
        .order_by("organisation__path", "-year")
    )
    page_obj = Paginator(pictures, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "situation/picture_list.html",
        {
            "page_obj": page_obj,
            "pictures": page_obj.object_list,
            "can_create": access.has_any(request.user, Perm.EDIT_SITUATION),
        },
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def picture_create(request):
    if not access.has_any(request.user, Perm.EDIT_SITUATION):
        raise PermissionDenied
    form = PictureCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        picture, form, _conflict = _save_form(
            request,
            form,
            lambda: services.create_picture(by=request.user, **form.cleaned_data),
            "Lägesbilden är skapad.",
        )
        if picture:
            return redirect(picture)
    return render(
        request, "situation/picture_create.html", {"form": form}, status=400 if form.errors else 200
    )


@situation_reader
def picture_detail(request, pk):
    picture = _picture(request, pk)
    sources = list(picture.sources.all())
    observations = list(picture.observations.select_related("environment", "kind"))
    groups: list[tuple[object, list[Observation]]] = []
    for observation in observations:
        if not groups or groups[-1][0] != observation.environment:
            groups.append((observation.environment, []))
        groups[-1][1].append(observation)
    problems = list(selectors.problems(picture))
    return render(
        request,
        "situation/picture_detail.html",
        {
            "picture": picture,
            "sources": sources,
            "observation_groups": groups,
            "problems": problems,
            "unanswered": selectors.unanswered_problems(picture, request.user) if problems else [],
            "can_edit": access.can(request.user, Action.CHANGE, picture),
            "can_start_next": access.can(request.user, Action.CONTINUE, picture),
            "can_export": access.can(request.user, Action.EXPORT, picture),
        },
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def picture_edit(request, pk):
    picture = _picture(request, pk, for_update=True)
    form = picture_form_class(picture)(request.POST or None, instance=picture)
    conflict = None
    if request.method == "POST" and form.is_valid():
        version, data = form.cleaned_data["version"], form.edited_values()
        saved, form, conflict = _save_form(
            request,
            form,
            lambda: services.update_picture(picture=picture, changes=data, version=version, by=request.user),
            "Lägesbilden är sparad.",
        )
        if saved:
            return redirect(saved)
    return render(
        request,
        "situation/picture_form.html",
        {"picture": picture, "form": form, "conflict": conflict},
        status=_status(form, conflict),
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def picture_establish(request, pk):
    picture = _picture(request, pk, for_update=True)
    if request.method == "POST":
        services.establish_picture(picture=picture, by=request.user)
        messages.success(request, f"Lägesbilden {picture.year} är fastställd och kan inte längre ändras.")
        return redirect(picture)
    return render(request, "situation/picture_establish.html", {"picture": picture})


@situation_reader
@require_POST
def picture_next_year(request, pk):
    picture = _picture(request, pk)
    try:
        copy = services.start_next_year(picture=picture, by=request.user)
    except services.SituationError as error:
        messages.error(request, error.message)
        return redirect(picture)
    messages.success(
        request, f"Lägesbilden {copy.year} är påbörjad som ett utkast med förra årets text och källor."
    )
    return redirect(copy)


@situation_reader
def picture_comparison(request, pk):
    picture = _picture(request, pk)
    comparison = year_over_year(picture.organisation)
    return render(
        request,
        "situation/picture_comparison.html",
        {
            "picture": picture,
            "comparison": comparison,
            "chart_environment": mark_safe(comparison_chart(comparison, by="environment")),  # noqa: S308
            "chart_kind": mark_safe(comparison_chart(comparison, by="kind")),  # noqa: S308
        },
    )


def _child_form(request, *, picture, form, template, obj=None, save, success):
    conflict = None
    if request.method == "POST" and form.is_valid():
        version, data = form.cleaned_data.get("version"), form.edited_values()
        saved, form, conflict = _save_form(request, form, lambda: save(data, version), success)
        if saved:
            return redirect(picture)
    context = {"picture": picture, "form": form, "object": obj, "conflict": conflict}
    return render(request, template, context, status=_status(form, conflict))


def _child_delete(request, model, pk, *, delete, gone, done):
    """Delete a source, observation or problem: a confirmation page, then back to its lägesbild. A second
    delete (a double click, a second tab) or a simultaneous one leads back with a message, never 500."""
    try:
        obj = _child(request, model, pk)
    except Http404:
        return _already_deleted(request, model, pk, gone)
    if request.method == "POST":
        try:
            delete(obj, request.POST.get("version"))
        except EditConflict as conflict:
            messages.error(request, conflict.message)
            return redirect(obj.picture)
        except services.AlreadyDeleted as deleted:  # a simultaneous request deleted it first
            messages.info(request, deleted.message)
            return redirect(obj.picture)
        messages.success(request, done)
        return redirect(obj.picture)
    return render(request, "situation/confirm_delete.html", {"picture": obj.picture, "object": obj})


@situation_reader
@require_http_methods(["GET", "POST"])
def source_create(request, pk):
    picture = _picture(request, pk, for_update=True)
    return _child_form(
        request,
        picture=picture,
        form=SourceForm(request.POST or None, instance=Source(picture=picture)),
        template="situation/source_form.html",
        save=lambda data, _: services.add_source(picture=picture, by=request.user, **data),
        success="Källan är tillagd.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def source_edit(request, pk):
    source = _child(request, Source, pk)
    return _child_form(
        request,
        picture=source.picture,
        obj=source,
        form=SourceForm(request.POST or None, instance=source),
        template="situation/source_form.html",
        save=lambda data, version: services.update_source(
            source=source, changes=data, version=version, by=request.user
        ),
        success="Källan är sparad.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def source_delete(request, pk):
    return _child_delete(
        request,
        Source,
        pk,
        delete=lambda obj, version: services.delete_source(source=obj, version=version, by=request.user),
        gone="Källan är redan borttagen.",
        done="Källan är borttagen.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def observation_create(request, pk):
    picture = _picture(request, pk, for_update=True)
    return _child_form(
        request,
        picture=picture,
        form=ObservationForm(request.POST or None, instance=Observation(picture=picture)),
        template="situation/observation_form.html",
        save=lambda data, _: services.add_observation(picture=picture, by=request.user, **data),
        success="Iakttagelsen är tillagd.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def observation_edit(request, pk):
    observation = _child(request, Observation, pk)
    return _child_form(
        request,
        picture=observation.picture,
        obj=observation,
        form=ObservationForm(request.POST or None, instance=observation),
        template="situation/observation_form.html",
        save=lambda data, version: services.update_observation(
            observation=observation, changes=data, version=version, by=request.user
        ),
        success="Iakttagelsen är sparad.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def observation_delete(request, pk):
    return _child_delete(
        request,
        Observation,
        pk,
        delete=lambda obj, version: services.delete_observation(
            observation=obj, version=version, by=request.user
        ),
        gone="Iakttagelsen är redan borttagen.",
        done="Iakttagelsen är borttagen.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def problem_create(request, pk):
    picture = _picture(request, pk, for_update=True)
    return _child_form(
        request,
        picture=picture,
        form=ProblemForm(request.POST or None, instance=Problem(picture=picture)),
        template="situation/problem_form.html",
        save=lambda data, _: services.add_problem(picture=picture, by=request.user, **data),
        success="Problemet är tillagt.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def problem_edit(request, pk):
    problem = _child(request, Problem, pk)
    return _child_form(
        request,
        picture=problem.picture,
        obj=problem,
        form=ProblemForm(request.POST or None, instance=problem),
        template="situation/problem_form.html",
        save=lambda data, version: services.update_problem(
            problem=problem, changes=data, version=version, by=request.user
        ),
        success="Problemet är sparat.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def problem_delete(request, pk):
    return _child_delete(
        request,
        Problem,
        pk,
        delete=lambda obj, version: services.delete_problem(problem=obj, version=version, by=request.user),
        gone="Problemet är redan borttaget.",
        done="Problemet är borttaget.",
    )


@situation_reader
@require_http_methods(["GET", "POST"])
def picture_case_edit(request, pk):
    """Ärendet for fastställande the lägesbild (the shared ärende page, documents.case_views)."""
    picture = _picture(request, pk)
    return case_edit(
        request,
        owner=picture,
        crumbs=[
            ("Start", reverse("home")),
            ("Lägesbild", reverse("situation:picture_list")),
            (f"{picture.organisation.name} {picture.year}", picture.get_absolute_url()),
        ],
        heading=f"Ärendet (tjänsteutlåtande) för lägesbilden {picture.year}",
        purpose="fastställa lägesbilden",
    )
