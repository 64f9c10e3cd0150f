"""Ärendet (tjänsteutlåtande): written by the samordnare on a draft, frozen with the decision, and the
same document for everyone who downloads it afterwards."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from documents import cases
from documents.models import CaseMemo, StoredDocument
from organisations.models import Membership
from plans import services as plan_services
from tests.documents.pdfcheck import page_texts
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(committee, unit):
    previous = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    old = ActivityFactory(chapter=ChapterFactory(revision=previous, heading="Förebyggande arbete"))
    ActivityFactory(chapter=old.chapter, text="Utgår nästa år")
    revision = PlanRevisionFactory(plan=previous.plan, year=2020, copied_from=previous)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, copied_from=old, responsible_unit=unit)
    ActivityFactory(chapter=chapter, text="Ny aktivitet 2020")
    ActivityFactory(chapter=chapter, text="Ännu en ny aktivitet 2020")
    return revision


@pytest.fixture
def handlaggare(unit):
    return member(Membership.Role.STAFF, unit, first_name="Frida", last_name="Lundström")


def _form_data(official, **overrides):
    data = {
        "official": official.pk,
        "official_title": "Utredare",
        "prepared_on": "2020-04-14",
        "diary_number": "2020/77-1.2",
        "proposal": "Nämnden beslutar att anta handlingsplanen för 2020.",
        "summary": "Planen har tre aktiviteter.",
        "background": "Planen revideras varje år.",
        "dialogue": "Dialog har förts med Polismyndigheten.",
        "assessment": "Förvaltningen bedömer att planen är väl avvägd.",
        "recipients": "Registrator\nFritidsenheten",
    }
    return data | overrides


def test_the_form_is_prefilled_from_the_plan_with_the_writer_as_handlaggare(client, coordinator, draft):
    client.force_login(coordinator)
    response = client.get(reverse("plans:revision_case_edit", args=[draft.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["official"] == coordinator.pk
    summary = form.initial["summary"]
    assert "Planen innehåller 3 aktiviteter fördelade på 1 avsnitt" in summary
    assert "Jämfört med handlingsplanen för 2019 har 2 aktiviteter tillkommit och 1 utgått." in summary


def test_the_samordnare_writes_the_arende_and_a_stale_save_is_refused(
    client, coordinator, handlaggare, draft
):
    client.force_login(coordinator)
    url = reverse("plans:revision_case_edit", args=[draft.pk])
    assert client.post(url, _form_data(handlaggare)).status_code == 302
    memo = CaseMemo.objects.of(draft).get()
    assert memo.official == handlaggare and memo.prepared_on == datetime.date(2020, 4, 14)
    assert memo.version == 1 and memo.history.count() == 1
    assert client.post(url, _form_data(handlaggare, summary="Ny", version=1)).status_code == 302
    stale = client.post(url, _form_data(handlaggare, summary="Gammal", version=1))
    assert stale.status_code == 409
    memo.refresh_from_db()
    assert memo.summary == "Ny" and memo.version == 2


def test_a_handlaggare_from_another_organisation_is_refused(client, coordinator, other_coordinator, draft):
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:revision_case_edit", args=[draft.pk]), _form_data(other_coordinator)
    )
    assert response.status_code == 200 and "Välj ett giltigt alternativ" in response.content.decode()
    assert not CaseMemo.objects.exists()
    with pytest.raises(cases.CaseError, match="person i organisationen"):
        cases.save_case_memo(owner=draft, data={"official": other_coordinator}, version=None, by=coordinator)


def test_two_users_download_the_same_frozen_arende_and_plan(
    client, coordinator, secretary, central, handlaggare, draft, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    client.post(reverse("plans:revision_case_edit", args=[draft.pk]), _form_data(handlaggare))
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.adopt_revision(
            revision=draft,
            decided_by="Norra stadsdelsnämnden",
            decided_on=datetime.date(2020, 5, 20),
            paragraph="31",
            diary_number="2020/77-1.2",
            by=secretary,
        )
    # The documents exist before anyone downloads them.
    assert (
        StoredDocument.objects.filter(key__startswith=f"plans.PlanRevision:{draft.pk}:").count() == 5
    )  # PDF and Word, and the public plan
    downloads = {}
    for user in (secretary, central):
        client.force_login(user)
        downloads[user.username] = (
            client.get(reverse("plans:revision_case_pdf", args=[draft.pk])).content,
            client.get(reverse("plans:revision_pdf", args=[draft.pk])).content,
        )
    (case_a, plan_a), (case_b, plan_b) = downloads.values()
    assert case_a == case_b and plan_a == plan_b
    pages = page_texts(case_a)
    assert "Frida Lundström" in pages[0] and "Datum 2020-04-14" in pages[0]
    text = " ".join(pages)
    assert "Dialog har förts med Polismyndigheten." in text and "Förvaltningens bedömning" in text
    assert "Antagen av" not in text
    for user in (secretary, central, coordinator):
        assert (user.get_full_name() not in text) or user == handlaggare


def test_the_arende_is_frozen_with_the_decision(client, coordinator, secretary, handlaggare, draft):
    client.force_login(coordinator)
    url = reverse("plans:revision_case_edit", args=[draft.pk])
    client.post(url, _form_data(handlaggare))
    plan_services.adopt_revision(
        revision=draft,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2020, 5, 20),
        paragraph="31",
        diary_number="2020/77-1.2",
        by=secretary,
    )
    response = client.post(url, _form_data(handlaggare, summary="Efter beslutet", version=1))
    assert response.status_code == 302
    assert CaseMemo.objects.of(draft).get().summary == "Planen har tre aktiviteter."
    with pytest.raises(PermissionDenied):
        cases.save_case_memo(
            owner=draft, data={"official": handlaggare, "summary": "x"}, version=1, by=coordinator
        )
