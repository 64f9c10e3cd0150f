"""Idempotent creates and deletes: a double click, a resent form or a quicker colleague never gives
"Tekniskt fel".

- A create that hits a unique constraint (plan, lägesbild, follow-up round) answers with a form error.
- A create without a natural key (routine, CSV import) carries a one-time token: the same form sent
  twice creates once, and the second answer leads to what the first one made.
- A delete of something already deleted leads back to where it was, with a message.

The sequential cases run on every database; the simultaneous ones (four POSTs released by a barrier,
one thread and connection each, as people really do it) need PostgreSQL's row locks and run there only.
"""

import copy
import threading
import uuid

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from followup.models import FollowUpRound
from meetings.models import Meeting
from plans.import_views import PENDING
from plans.models import ActionPlan, Activity, Chapter, Routine
from situation.models import Observation, SituationPicture, Source
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    ObservationFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
    SourceFactory,
)

HEADER = "Kapitel;Aktivitet;Syfte/mål;Ansvarig;Samverkan;Tidplan;Uppföljning\n"
CSV = (HEADER + "Förebyggande arbete;Föräldraträffar;;;;;\nFörebyggande arbete;Läxhjälp;;;;;\n").encode()

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="simultaneous requests need PostgreSQL's row locks"
)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)
    ActivityFactory(chapter=chapter)
    return revision


# --- one after the other (every database) ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["activity", "chapter"])
def test_deleting_a_plan_object_twice_leads_back_with_a_message(client, coordinator, draft, what):
    chapter = draft.chapters.get()
    obj = chapter.activities.get() if what == "activity" else chapter
    url = reverse(f"plans:{what}_delete", args=[obj.pk])
    client.force_login(coordinator)
    assert client.post(url, {"version": obj.version}).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    again = client.post(url, {"version": obj.version})
    assert again.status_code == 302
    assert again.url == (chapter.get_absolute_url() if what == "activity" else draft.get_absolute_url())
    expected = "Aktiviteten är redan borttagen." if what == "activity" else "Kapitlet är redan borttaget."
    assert expected in _messages(again)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "what, factory, gone",
    [
        ("source", SourceFactory, "Källan är redan borttagen."),
        ("observation", ObservationFactory, "Iakttagelsen är redan borttagen."),
        ("problem", ProblemFactory, "Problemet är redan borttaget."),
    ],
)
def test_deleting_a_lagesbild_object_twice_leads_back_with_a_message(
    client, coordinator, committee, what, factory, gone
):
    picture = SituationPictureFactory(organisation=committee, year=2024)
    obj = factory(picture=picture)
    url = reverse(f"situation:{what}_delete", args=[obj.pk])
    client.force_login(coordinator)
    assert client.post(url, {"version": obj.version}).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    again = client.post(url, {"version": obj.version})
    assert (again.status_code, again.url) == (302, picture.get_absolute_url())
    assert gone in _messages(again)


@pytest.mark.django_db
def test_an_already_deleted_object_of_another_organisation_is_still_404(client, other_coordinator, draft):
    activity = draft.chapters.get().activities.get()
    url = reverse("plans:activity_delete", args=[activity.pk])
    activity._change_reason = "test"
    activity.delete()
    client.force_login(other_coordinator)
    assert client.post(url).status_code == 404


ROUTINE = {"kind": "vid_oro", "title": "Rutin vid oro", "body": "Ring chefen.", "contact": "08-123 45"}


@pytest.mark.django_db
def test_a_routine_form_sent_twice_creates_one_routine(client, coordinator, committee):
    client.force_login(coordinator)
    page = client.get(reverse("plans:routine_create"))
    token = str(page.context["form"]["submission"].value())
    assert f'value="{token}"' in page.content.decode(), "the token is not in the form"
    data = {**ROUTINE, "organisation": committee.pk, "submission": token}
    first = client.post(reverse("plans:routine_create"), data)
    second = client.post(reverse("plans:routine_create"), data)
    routine = Routine.objects.get(title="Rutin vid oro")
    assert first.url == second.url == routine.get_absolute_url()
    assert "Rutinen är redan sparad (formuläret skickades två gånger)." in _messages(second)
    # A new form (a new token) is a new routine, deliberately.
    client.post(reverse("plans:routine_create"), {**data, "submission": str(uuid.uuid4())})
    assert Routine.objects.filter(title="Rutin vid oro").count() == 2


@pytest.mark.django_db
def test_an_import_sent_twice_adds_the_rows_once(client, coordinator, draft):
    """The upload shows a preview; the confirmation writes and claims the form's one-time token, so the
    same form confirmed again (a double click, a second tab) adds nothing."""
    client.force_login(coordinator)
    url = reverse("plans:revision_import", args=[draft.pk])
    confirm = reverse("plans:revision_import_confirm", args=[draft.pk])
    token = str(uuid.uuid4())
    for _ in range(2):
        assert (
            client.post(url, {"file": SimpleUploadedFile("a.csv", CSV), "submission": token}).status_code
            == 200
        )
        response = client.post(confirm, {"include": ["2", "3"]})
    assert Activity.objects.filter(chapter__revision=draft).count() == 1 + 2
    assert response.status_code == 302 and response.url == draft.get_absolute_url()
    assert "Filen är redan importerad (formuläret skickades två gånger)." in _messages(response)


@pytest.mark.django_db
def test_a_refused_import_leaves_the_token_unused(client, coordinator, draft):
    """The person corrects the file and sends the same form again: that import must run."""
    client.force_login(coordinator)
    url = reverse("plans:revision_import", args=[draft.pk])
    token = str(uuid.uuid4())
    bad = client.post(
        url, {"file": SimpleUploadedFile("a.csv", HEADER.encode() + b";x\n"), "submission": token}
    )
    assert bad.status_code == 400
    good = client.post(url, {"file": SimpleUploadedFile("a.csv", CSV), "submission": token})
    assert good.status_code == 200
    client.post(reverse("plans:revision_import_confirm", args=[draft.pk]), {"include": ["2", "3"]})
    assert Activity.objects.filter(chapter__revision=draft).count() == 3


# --- at the same moment (PostgreSQL) ---------------------------------------------------------------


def _simultaneous(user, url, data_for, n=4, cookies=None):
    """`n` logged-in clients POST at once; [(status, location)] in thread order.

    With `cookies` (another client's), all of them are that one browser: a double click or a form
    resent from a second tab of the same session."""
    clients = []
    for _ in range(n):
        client = Client(raise_request_exception=False)
        if cookies is None:
            client.force_login(user)
        else:
            client.cookies = copy.deepcopy(cookies)
        clients.append(client)
    barrier, results = threading.Barrier(n), [None] * n

    def post(index):
        try:
            barrier.wait(timeout=10)
            response = clients[index].post(url, data_for(index))
            results[index] = (response.status_code, response.get("Location", ""))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a request hung: a deadlock?"
    return results


def _assert_no_server_error(results):
    assert all(result is not None and result[0] < 500 for result in results), results


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_plan_creates_make_one_plan(transactional_db, coordinator, committee):
    data = {"organisation": committee.pk, "title": "Handlingsplan mot VBE 2030", "year": 2030}
    results = _simultaneous(coordinator, reverse("plans:plan_create"), lambda i: data)
    _assert_no_server_error(results)
    assert ActionPlan.objects.filter(title=data["title"]).count() == 1
    assert sorted(status for status, _ in results).count(302) == 1, results


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_lagesbild_creates_make_one(transactional_db, coordinator, committee):
    data = {"organisation": committee.pk, "year": 2031, "made_with": "Lokalpolisen"}
    results = _simultaneous(coordinator, reverse("situation:picture_create"), lambda i: data)
    _assert_no_server_error(results)
    assert SituationPicture.objects.filter(organisation=committee, year=2031).count() == 1


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_round_opens_make_one_round(transactional_db, coordinator, committee):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=adopted))
    data = {"revision": adopted.pk, "kind": "helar", "period": "Helår 2019", "deadline": "2099-12-31"}
    results = _simultaneous(coordinator, reverse("followup:round_open"), lambda i: data)
    _assert_no_server_error(results)
    assert FollowUpRound.objects.filter(revision=adopted).count() == 1


@on_postgres
@pytest.mark.postgres
@pytest.mark.parametrize("what", ["activity", "chapter"])
def test_four_simultaneous_deletes_delete_once(transactional_db, coordinator, draft, what):
    chapter = draft.chapters.get()
    obj = chapter.activities.get() if what == "activity" else chapter
    results = _simultaneous(
        coordinator, reverse(f"plans:{what}_delete", args=[obj.pk]), lambda i: {"version": obj.version}
    )
    _assert_no_server_error(results)
    assert {status for status, _ in results} == {302}, results
    model = Activity if what == "activity" else Chapter
    assert model.history.filter(id=obj.pk, history_type="-").count() == 1


@on_postgres
@pytest.mark.postgres
@pytest.mark.parametrize("what", ["source", "observation"])
def test_four_simultaneous_lagesbild_deletes_delete_once(transactional_db, coordinator, committee, what):
    picture = SituationPictureFactory(organisation=committee, year=2024)
    obj = SourceFactory(picture=picture) if what == "source" else ObservationFactory(picture=picture)
    url = reverse(f"situation:{what}_delete", args=[obj.pk])
    results = _simultaneous(coordinator, url, lambda i: {"version": obj.version})
    _assert_no_server_error(results)
    model = Source if what == "source" else Observation
    assert model.history.filter(id=obj.pk, history_type="-").count() == 1


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_routine_submits_make_one_routine(transactional_db, coordinator, committee):
    data = {**ROUTINE, "organisation": committee.pk, "submission": str(uuid.uuid4())}
    results = _simultaneous(coordinator, reverse("plans:routine_create"), lambda i: data)
    _assert_no_server_error(results)
    routine = Routine.objects.get(title=ROUTINE["title"])
    assert {location for _, location in results} == {routine.get_absolute_url()}, results


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_import_confirmations_add_the_rows_once(transactional_db, coordinator, draft):
    browser = Client()
    browser.force_login(coordinator)
    preview = browser.post(
        reverse("plans:revision_import", args=[draft.pk]),
        {"file": SimpleUploadedFile("a.csv", CSV), "submission": str(uuid.uuid4())},
    )
    assert preview.status_code == 200
    lines = [str(line) for line, _ in browser.session[PENDING.format(pk=draft.pk)]["rows"]]
    assert len(lines) == 2
    url = reverse("plans:revision_import_confirm", args=[draft.pk])
    results = _simultaneous(coordinator, url, lambda i: {"include": lines}, cookies=browser.cookies)
    _assert_no_server_error(results)
    assert Activity.objects.filter(chapter__revision=draft).count() == 1 + 2


MEETINGS_CSV = b"Datum;Tid;Plats\n2026-01-29;08:15;Stadshuset\n2026-02-26;08:15;Stadshuset\n"


@pytest.mark.django_db
def test_a_meeting_import_sent_twice_adds_the_meetings_once(client, secretary, committee):
    client.force_login(secretary)
    for _ in range(2):
        upload = SimpleUploadedFile("sammantraden.csv", MEETINGS_CSV)
        response = client.post(
            reverse("meetings:meeting_import"), {"organisation": committee.pk, "year": 2026, "file": upload}
        )
    assert Meeting.objects.filter(organisation=committee).count() == 2
    assert response.status_code == 400
    assert "Det finns redan sammanträden de här dagarna" in response.content.decode()


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_meeting_creates_make_one_meeting(transactional_db, secretary, committee):
    data = {"organisation": committee.pk, "date": "2026-02-26", "starts_at": "08:15", "place": "Stadshuset"}
    results = _simultaneous(secretary, reverse("meetings:meeting_create"), lambda i: data)
    _assert_no_server_error(results)
    assert Meeting.objects.filter(organisation=committee).count() == 1


@on_postgres
@pytest.mark.postgres
def test_four_simultaneous_meeting_imports_add_the_meetings_once(transactional_db, secretary, committee):
    def data_for(index):
        upload = SimpleUploadedFile("sammantraden.csv", MEETINGS_CSV)
        return {"organisation": committee.pk, "year": 2026, "file": upload}

    results = _simultaneous(secretary, reverse("meetings:meeting_import"), data_for)
    _assert_no_server_error(results)
    assert Meeting.objects.filter(organisation=committee).count() == 2
    assert sorted(status for status, _ in results).count(302) == 1, results
