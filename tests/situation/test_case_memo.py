"""The ärende (tjänsteutlåtande) of a lägesbild to be fastställd: written by the samordnare on the draft,
prefilled from the lägesbild, frozen when it is fastställd, and the same stored document for everyone."""

import datetime
import io

import docx
import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from documents import cases
from documents.models import CaseMemo, StoredDocument
from organisations import editing
from organisations.models import Membership
from situation import services
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts
from tests.factories import (
    ObservationFactory,
    ProblemFactory,
    SituationPictureFactory,
    SourceFactory,
    environment,
    member,
)
from tests.situation.helpers import PNR

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(committee):
    SituationPictureFactory(organisation=committee, year=2018, established=True)
    picture = SituationPictureFactory(organisation=committee, year=2019, made_with="Lokalpolisen i Norra")
    SourceFactory(picture=picture)
    SourceFactory(picture=picture, kind="polisens_lagesbild")
    ObservationFactory(picture=picture)
    ObservationFactory(picture=picture, count=5)
    ObservationFactory(picture=picture, environment=environment("Våldsbejakande islamism"))
    ProblemFactory(picture=picture, priority=1, title="Klotter med vit makt-symboler i centrum")
    return picture


@pytest.fixture
def handlaggare(unit):
    return member(Membership.Role.STAFF, unit, first_name="Frida", last_name="Lundström")


def _url(picture):
    return reverse("situation:picture_case_edit", args=[picture.pk])


def _form_data(official, **overrides):
    data = {
        "official": official.pk,
        "official_title": "Utredare",
        "prepared_on": "2019-04-02",
        "diary_number": "2019/31-1.4",
        "proposal": "Nämnden beslutar att fastställa lägesbilden för 2019.",
        "summary": "Lägesbilden bygger på två källor.",
        "background": "Lägesbilden tas fram varje år.",
        "dialogue": "Dialog har förts med lokalpolisen.",
        "assessment": "Förvaltningen bedömer att lägesbilden är ett gott underlag.",
        "recipients": "Registrator\nLokalpolisen i Norra",
    }
    return data | overrides


def _establish(picture, by, capture):
    with capture(execute=True):
        services.establish_picture(picture=picture, by=by)


def test_the_form_is_prefilled_from_the_lagesbild_with_the_writer_as_handlaggare(
    client, coordinator, picture
):
    client.force_login(coordinator)
    response = client.get(_url(picture))
    assert response.status_code == 200
    assert "<title>Ärendet (tjänsteutlåtande) för lägesbilden 2019" in response.content.decode()
    initial = response.context["form"].initial
    assert initial["official"] == coordinator.pk
    summary = initial["summary"]
    assert "Förvaltningen har tillsammans med Lokalpolisen i Norra tagit fram" in summary
    assert "bygger på 2 källor och redovisar 3 iakttagelser inom 2 miljöer" in summary
    assert "1 prioriterat problem, främst klotter med vit makt-symboler i centrum." in summary
    assert "beslutar att fastställa den lokala lägesbilden" in initial["proposal"]
    assert initial["recipients"].splitlines() == [
        "Samordnaren för arbetet mot våldsbejakande extremism",
        "Lokalpolisen i Norra",
        "Registrator",
    ]


def test_the_samordnare_writes_it_and_a_stale_save_is_refused(client, coordinator, handlaggare, picture):
    client.force_login(coordinator)
    assert client.post(_url(picture), _form_data(handlaggare)).status_code == 302
    memo = CaseMemo.objects.of(picture).get()
    assert memo.owner == picture and memo.official == handlaggare
    assert memo.version == 1 and memo.history.count() == 1
    assert client.post(_url(picture), _form_data(handlaggare, summary="Ny", version=1)).status_code == 302
    stale = client.post(_url(picture), _form_data(handlaggare, summary="Gammal", version=1))
    assert stale.status_code == 409
    memo.refresh_from_db()
    assert memo.summary == "Ny" and memo.version == 2 and memo.history.count() == 2


def test_a_handlaggare_from_another_organisation_is_refused(client, coordinator, other_coordinator, picture):
    client.force_login(coordinator)
    response = client.post(_url(picture), _form_data(other_coordinator))
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    with pytest.raises(cases.CaseError, match="person i organisationen"):
        cases.save_case_memo(
            owner=picture, data={"official": other_coordinator}, version=None, by=coordinator
        )
    assert not CaseMemo.objects.exists()


def test_two_users_download_the_same_frozen_arende(
    client, coordinator, secretary, central, handlaggare, picture, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(_url(picture), _form_data(handlaggare))
    _establish(picture, coordinator, django_capture_on_commit_callbacks)
    # The ärende is stored by the fastställande's task, before anyone downloads it.
    stored = set(StoredDocument.objects.values_list("key", flat=True))
    assert {
        f"situation.SituationPicture:{picture.pk}:beslutsforslag",
        f"situation.SituationPicture:{picture.pk}:beslutsforslag.docx",
    } <= stored
    downloads = []
    for user in (secretary, central):
        client.force_login(user)
        pdf = client.get(reverse("situation:picture_case_pdf", args=[picture.pk]))
        word = client.get(reverse("situation:picture_case_docx", args=[picture.pk]))
        assert pdf["Content-Disposition"] == (
            'attachment; filename="Beslutsforslag-Lagesbild-VBE-Norra-2019-faststalld.pdf"'
        )
        downloads.append((pdf.content, word.content))
    assert downloads[0] == downloads[1]
    content = downloads[0][0]
    assert_archival_and_accessible(
        content,
        title="Förslag till beslut gällande lokal lägesbild om våldsbejakande extremism 2019 "
        "– Norra stadsdelsnämnden",
    )
    pages = page_texts(content)
    assert "BESLUTSFÖRSLAG" in pages[0] and "Frida Lundström" in pages[0]
    assert "Datum 2019-04-02" in pages[0] and "Ärendenr 2019/31-1.4" in pages[0]
    text = " ".join(pages)
    assert "Dialog har förts med lokalpolisen." in text and "Förvaltningens bedömning" in text
    assert "Lokal lägesbild 2019 för Norra stadsdelsnämnden, förslag, 2019-04-02, dnr 2019/31-1.4" in text
    assert "Lokal lägesbild 2018 för Norra stadsdelsnämnden, fastställd" in text
    # The proposal never carries the decision: no "Fastställd <date>", no downloader's name.
    assert "Fastställd 20" not in text and "UTKAST" not in text
    for user in (secretary, central, coordinator):
        assert user.get_full_name() not in text
    word_text = "\n".join(p.text for p in docx.Document(io.BytesIO(downloads[0][1])).paragraphs)
    assert "Frida Lundström" in word_text and "Dialog har förts med lokalpolisen." in word_text


def test_a_draft_arende_renders_on_request_marked_utkast(client, coordinator, picture):
    client.force_login(coordinator)
    response = client.get(reverse("situation:picture_case_pdf", args=[picture.pk]))
    assert response.status_code == 200 and not StoredDocument.objects.exists()
    first = page_texts(response.content)[0]
    assert "UTKAST" in first and coordinator.get_username() not in first


def test_the_arende_is_frozen_when_the_lagesbild_is_faststalld(
    client, coordinator, handlaggare, superuser, picture, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(_url(picture), _form_data(handlaggare))
    _establish(picture, coordinator, django_capture_on_commit_callbacks)
    memo = CaseMemo.objects.of(picture).get()
    # The portal refuses with the reason, back on the lägesbild.
    response = client.post(_url(picture), _form_data(handlaggare, summary="Efter beslutet", version=1))
    assert response.status_code == 302 and response["Location"] == picture.get_absolute_url()
    assert client.get(_url(picture)).status_code == 302
    with pytest.raises(PermissionDenied):
        cases.save_case_memo(
            owner=picture, data={"official": handlaggare, "summary": "x"}, version=1, by=coordinator
        )
    # The admin is no second door, not even for a superuser.
    client.force_login(superuser)
    change = reverse("admin:documents_casememo_change", args=[memo.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"summary": "Ändrad i admin"}).status_code == 403
    assert (
        client.post(reverse("admin:documents_casememo_delete", args=[memo.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert not admin.site._registry[CaseMemo].has_change_permission(None, memo)
    memo.refresh_from_db()
    assert memo.summary == "Lägesbilden bygger på två källor." and memo.version == 1
    assert memo.is_frozen and memo.prepared_on == datetime.date(2019, 4, 2)


def test_a_deleted_draft_takes_its_arende_with_it(client, coordinator, handlaggare, picture, superuser):
    """The owner is generic (no foreign key): the ärende goes with its draft instead of waiting for a
    new object with the same id."""
    client.force_login(coordinator)
    client.post(_url(picture), _form_data(handlaggare))
    editing.delete_tracked(picture, by=superuser, reason="Borttagen i administrationen")
    assert not CaseMemo.objects.exists()


def test_the_arende_refuses_a_personnummer_as_the_lagesbild_does(client, coordinator, handlaggare, picture):
    client.force_login(coordinator)
    typed = f"Dialog har förts med anhöriga till {PNR.replace('-', ' – ')}."
    response = client.post(_url(picture), _form_data(handlaggare, dialogue=typed))
    page = response.content.decode()
    assert response.status_code == 200 and "ser ut som ett personnummer" in page and "”Dialog”" in page
    assert typed in page  # nothing the user typed is lost
    assert not CaseMemo.objects.exists()
    with pytest.raises(ValidationError):
        cases.save_case_memo(
            owner=picture, data={"official": handlaggare, "summary": PNR}, version=None, by=coordinator
        )
    assert not CaseMemo.objects.exists()
