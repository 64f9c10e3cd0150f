"""The ärende (tjänsteutlåtande) presenting a follow-up report to the nämnd: written by the samordnare on
the open round, prefilled with the status counts, frozen when the round is closed, and the same stored
document for everyone."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from documents import cases
from documents.models import CaseMemo, StoredDocument
from followup import services
from followup.models import FollowUpRound, FollowUpStatus
from organisations.models import Membership
from tests.documents.pdfcheck import assert_archival_and_accessible, page_texts
from tests.factories import ActivityFactory, ActivityFollowUpFactory, FollowUpRoundFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(committee, unit):
    round_ = FollowUpRoundFactory(
        revision__plan__organisation=committee,
        revision__year=2019,
        revision__diary_number="2019/12-1.1",
        period="Maj–augusti 2019",
    )
    done = FollowUpStatus.objects.default_scale().order_by("order").first()
    for n in range(3):
        activity = ActivityFactory(
            chapter__revision=round_.revision, responsible_unit=unit, text=f"Aktivitet {n}"
        )
        ActivityFollowUpFactory(round=round_, activity=activity, status=done if n < 2 else None)
    return round_


@pytest.fixture
def handlaggare(unit):
    return member(Membership.Role.STAFF, unit, first_name="Frida", last_name="Lundström")


def _url(round_):
    return reverse("followup:round_case_edit", args=[round_.pk])


def _form_data(official, **overrides):
    data = {
        "official": official.pk,
        "official_title": "Utredare",
        "prepared_on": "2019-09-20",
        "diary_number": "2019/12-1.1",
        "proposal": "Nämnden beslutar att godkänna uppföljningen och lägga den till handlingarna.",
        "summary": "Två av tre aktiviteter är genomförda.",
        "background": "",
        "dialogue": "Dialog har förts med de ansvariga enheterna.",
        "assessment": "Förvaltningen bedömer att arbetet går enligt plan.",
        "recipients": "Registrator\nFritidsenheten",
    }
    return data | overrides


def _close(round_, by, capture):
    with capture(execute=True):
        services.close_round(round=round_, by=by)


def test_the_form_is_prefilled_with_the_status_summary(client, coordinator, round_):
    client.force_login(coordinator)
    response = client.get(_url(round_))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["official"] == coordinator.pk
    done = FollowUpStatus.objects.default_scale().order_by("order").first().label
    assert (
        f"Uppföljningen omfattar 3 aktiviteter. Av dem har 2 status ”{done}”. 1 är inte rapporterad."
        in (initial["summary"])
    )
    assert initial["diary_number"] == "2019/12-1.1"
    assert "beslutar att godkänna uppföljningen (tertial 2, Maj–augusti 2019)" in initial["proposal"]
    assert initial["recipients"].splitlines()[1:] == ["Fritidsenheten", "Registrator"]


def test_the_samordnare_writes_it_and_a_stale_save_is_refused(client, coordinator, handlaggare, round_):
    client.force_login(coordinator)
    assert client.post(_url(round_), _form_data(handlaggare)).status_code == 302
    memo = CaseMemo.objects.of(round_).get()
    assert memo.owner == round_ and memo.official == handlaggare and memo.version == 1
    assert client.post(_url(round_), _form_data(handlaggare, summary="Ny", version=1)).status_code == 302
    assert client.post(_url(round_), _form_data(handlaggare, summary="Gammal", version=1)).status_code == 409
    memo.refresh_from_db()
    assert memo.summary == "Ny" and memo.version == 2 and memo.history.count() == 2


def test_a_secretary_may_read_the_arende_but_not_write_it(client, secretary, round_):
    client.force_login(secretary)
    assert client.get(_url(round_)).status_code == 403
    assert client.get(reverse("followup:round_case_pdf", args=[round_.pk])).status_code == 200


def test_two_users_download_the_same_frozen_arende(
    client, coordinator, secretary, central, handlaggare, round_, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(_url(round_), _form_data(handlaggare))
    _close(round_, coordinator, django_capture_on_commit_callbacks)
    stored = set(StoredDocument.objects.values_list("key", flat=True))
    assert {
        f"followup.FollowUpRound:{round_.pk}:beslutsforslag",
        f"followup.FollowUpRound:{round_.pk}:beslutsforslag.docx",
    } <= stored
    downloads = []
    for user in (secretary, central):
        client.force_login(user)
        pdf = client.get(reverse("followup:round_case_pdf", args=[round_.pk]))
        word = client.get(reverse("followup:round_case_docx", args=[round_.pk]))
        assert pdf["Content-Disposition"] == (
            'attachment; filename="Beslutsforslag-Uppfoljning-VBE-Norra-2019-tertial-2.pdf"'
        )
        downloads.append((pdf.content, word.content))
    assert downloads[0] == downloads[1]
    content = downloads[0][0]
    assert_archival_and_accessible(
        content,
        title="Förslag till beslut gällande uppföljning av handlingsplan mot våldsbejakande extremism "
        "2019, tertial 2, Maj–augusti 2019 – Norra stadsdelsnämnden",
    )
    pages = page_texts(content)
    assert "BESLUTSFÖRSLAG" in pages[0] and "Frida Lundström" in pages[0]
    assert "Datum 2019-09-20" in pages[0] and "Ärendenr 2019/12-1.1" in pages[0]
    text = " ".join(pages)
    assert "Dialog har förts med de ansvariga enheterna." in text
    assert "Uppföljning av handlingsplan mot våldsbejakande extremism 2019, tertial 2" in text
    # The proposal never carries the decision: no closing line, no downloader's name.
    assert "stängdes" not in text and "UTKAST" not in text
    for user in (secretary, central, coordinator):
        assert user.get_full_name() not in text
    word_text = "\n".join(p.text for p in docx.Document(io.BytesIO(downloads[0][1])).paragraphs)
    assert "Frida Lundström" in word_text and "Förvaltningens bedömning" in word_text


def test_a_round_closed_without_an_arende_still_has_one_that_names_no_downloader(
    client, coordinator, secretary, round_, django_capture_on_commit_callbacks
):
    _close(round_, coordinator, django_capture_on_commit_callbacks)
    client.force_login(secretary)
    text = " ".join(page_texts(client.get(reverse("followup:round_case_pdf", args=[round_.pk])).content))
    closed_on = timezone.localdate(FollowUpRound.objects.get(pk=round_.pk).closed_at)
    assert f"Datum {closed_on:%Y-%m-%d}" in text and secretary.get_full_name() not in text


def test_the_arende_is_frozen_when_the_round_is_closed(
    client, coordinator, handlaggare, superuser, round_, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(_url(round_), _form_data(handlaggare))
    _close(round_, coordinator, django_capture_on_commit_callbacks)
    memo = CaseMemo.objects.of(round_).get()
    response = client.post(_url(round_), _form_data(handlaggare, summary="Efter stängningen", version=1))
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    with pytest.raises(PermissionDenied):
        cases.save_case_memo(
            owner=round_, data={"official": handlaggare, "summary": "x"}, version=1, by=coordinator
        )
    client.force_login(superuser)
    change = reverse("admin:documents_casememo_change", args=[memo.pk])
    assert client.post(change, {"summary": "Ändrad i admin"}).status_code == 403
    memo.refresh_from_db()
    assert memo.summary == "Två av tre aktiviteter är genomförda." and memo.version == 1
    assert memo.is_frozen and memo.prepared_on == datetime.date(2019, 9, 20)
