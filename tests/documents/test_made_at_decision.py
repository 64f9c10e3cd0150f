"""A frozen object's documents are made when it freezes, by a background task enqueued on commit;
downloads serve the stored bytes and, while the task has not run, say so in Swedish."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

import documents.downloads
from documents.models import StoredDocument
from followup import services as followup_services
from plans import services as plan_services
from plans.models import PlanRevision
from situation import services as situation_services
from tests.documents.pdfcheck import page_texts
from tests.factories import (
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    PlanRevisionFactory,
    RoutineFactory,
    SituationPictureFactory,
)

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def draft(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, diary_number="1.2.3-456/2019")
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, text="Föräldraträffar om demokrati")
    return revision


def _adopt(revision, by):
    return plan_services.adopt_revision(
        revision=revision,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2019, 5, 23),
        paragraph="12",
        diary_number="1.2.3-456/2019",
        by=by,
    )


def _keys():
    return set(StoredDocument.objects.values_list("key", flat=True))


def _revision_keys(pk):
    """Every document of a revision: the plan and its ärende, as PDF and as Word, and the public plan."""
    kinds = ("plan", "beslutsforslag", "plan.docx", "beslutsforslag.docx", "publik")
    return {f"plans.PlanRevision:{pk}:{kind}" for kind in kinds}


def test_adoption_stores_every_document_before_anyone_downloads(
    secretary, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _adopt(draft, secretary)
    assert len(callbacks) == 1
    assert _keys() == _revision_keys(draft.pk)


def test_nothing_is_rendered_unless_the_adoption_commits(
    secretary, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        _adopt(draft, secretary)
    assert _keys() == set()


def test_editing_a_routine_after_adoption_does_not_change_the_stored_plan(
    client, secretary, coordinator, committee, draft, django_capture_on_commit_callbacks
):
    routine = RoutineFactory(organisation=committee, title="Rutin vid oro", body="Ring samordnaren.")
    with django_capture_on_commit_callbacks(execute=True):
        _adopt(draft, secretary)
    stored = StoredDocument.objects.get(key=f"plans.PlanRevision:{draft.pk}:plan").verified_content()
    routine.body = "Ring polisen direkt, ny rutin efter beslutet."
    routine.version += 1
    routine.save()
    client.force_login(coordinator)
    downloaded = client.get(reverse("plans:revision_pdf", args=[draft.pk])).content
    assert downloaded == stored
    text = " ".join(page_texts(downloaded))
    assert "Ring samordnaren." in text and "ny rutin efter beslutet" not in text


def test_fastställd_lägesbild_and_closed_round_store_their_documents(
    coordinator, committee, django_capture_on_commit_callbacks
):
    picture = SituationPictureFactory(organisation=committee, year=2019)
    round_ = FollowUpRoundFactory(revision__plan__organisation=committee)
    ActivityFollowUpFactory(round=round_, activity=ActivityFactory(chapter__revision=round_.revision))
    with django_capture_on_commit_callbacks(execute=True):
        situation_services.establish_picture(picture=picture, by=coordinator)
        followup_services.close_round(round=round_, by=coordinator)
    assert _keys() == {
        f"situation.SituationPicture:{picture.pk}:lagesbild",
        f"situation.SituationPicture:{picture.pk}:lagesbild.docx",
        f"followup.FollowUpRound:{round_.pk}:rapport",
        f"followup.FollowUpRound:{round_.pk}:rapport.docx",
        # and the ärende of each, PDF and Word, though none was written (the object gives its text)
        f"situation.SituationPicture:{picture.pk}:beslutsforslag",
        f"situation.SituationPicture:{picture.pk}:beslutsforslag.docx",
        f"followup.FollowUpRound:{round_.pk}:beslutsforslag",
        f"followup.FollowUpRound:{round_.pk}:beslutsforslag.docx",
    }


# The worker is another process: it checks its connection between tasks, which would close a
# connection held inside a test transaction on PostgreSQL, so this test commits for real.
@pytest.mark.django_db(transaction=True)
def test_a_download_before_the_worker_ran_says_so_and_then_gets_the_stored_bytes(
    client, secretary, settings, draft, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = DATABASE_QUEUE
    with django_capture_on_commit_callbacks(execute=True):
        _adopt(draft, secretary)
    assert DBTaskResult.objects.count() == 1 and _keys() == set()

    def no_render_in_the_request(template, context):
        raise AssertionError("a frozen document is never rendered in the request")

    monkeypatch.setattr(documents.downloads, "render_pdf", no_render_in_the_request)
    client.force_login(secretary)
    url = reverse("plans:revision_pdf", args=[draft.pk])
    pending = client.get(url)
    assert pending.status_code == 202 and pending["Retry-After"] == "5"
    assert "Dokumentet skapas" in pending.content.decode() and "Försök hämta dokumentet igen" in (
        pending.content.decode()
    )
    monkeypatch.undo()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    monkeypatch.setattr(documents.downloads, "render_pdf", no_render_in_the_request)
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert (
        ready.content
        == StoredDocument.objects.get(key=f"plans.PlanRevision:{draft.pk}:plan").verified_content()
    )


def test_file_names_follow_the_current_state(client, secretary, draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _adopt(draft, secretary)
    newer = PlanRevisionFactory(plan=draft.plan, year=2020, copied_from=draft)
    ChapterFactory(revision=newer, heading="Inledning", kind="prosa")
    with django_capture_on_commit_callbacks(execute=True):
        _adopt(newer, secretary)
    client.force_login(secretary)
    old = client.get(reverse("plans:revision_pdf", args=[draft.pk]))
    assert PlanRevision.objects.get(pk=draft.pk).status == "ersatt"
    assert old["Content-Disposition"] == 'attachment; filename="Handlingsplan-VBE-Norra-2019-ersatt.pdf"'
    case = client.get(reverse("plans:revision_case_pdf", args=[newer.pk]))
    assert case["Content-Disposition"].endswith('Handlingsplan-VBE-Norra-2020-antagen.pdf"')


def test_a_draft_renders_once_per_version(client, coordinator, draft, monkeypatch):
    renders = []
    real = documents.downloads.render_pdf
    monkeypatch.setattr(documents.downloads, "render_pdf", lambda t, c: renders.append(t) or real(t, c))
    client.force_login(coordinator)
    url = reverse("plans:revision_pdf", args=[draft.pk])
    first = client.get(url).content
    assert client.get(url).content == first and len(renders) == 1
    activity = draft.chapters.get().activities.get()
    plan_services.update_activity(
        activity=activity, version=activity.version, by=coordinator, text="Ny text i utkastet"
    )
    assert "Ny text i utkastet" in " ".join(page_texts(client.get(url).content)) and len(renders) == 2


def test_the_command_makes_what_is_missing_and_never_replaces_what_is_stored(committee, capsys):
    adopted = PlanRevisionFactory(plan__organisation=committee, adopted=True)  # frozen without a task
    call_command("render_documents", "--dry-run")
    assert "saknas: plans.PlanRevision" in capsys.readouterr().out and _keys() == set()
    call_command("render_documents")
    stored = {d.key: d.sha256 for d in StoredDocument.objects.all()}
    assert set(stored) == _revision_keys(adopted.pk)
    call_command("render_documents")
    assert {d.key: d.sha256 for d in StoredDocument.objects.all()} == stored
    call_command("render_documents", "--verify")
    assert "5 lagrade dokument stämmer" in capsys.readouterr().out
    tampered = StoredDocument.objects.first()
    tampered.content = b"%PDF-1 forfalskad"
    tampered.save()
    with pytest.raises(CommandError, match="1 av 5 lagrade dokument stämmer inte"):
        call_command("render_documents", "--verify")
