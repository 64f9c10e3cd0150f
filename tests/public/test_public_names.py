"""Canaries for the open pages: no name of a person, no lägesbild and no follow-up text reaches anyone
without login, in the pages or in the served PDF's text, while the nämnd's own plan PDF keeps them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from documents.models import CaseMemo, StoredDocument
from followup.models import IndicatorValue
from plans import pdf, services
from tests.documents.pdfcheck import page_texts
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    PlanRevisionFactory,
    ProblemFactory,
    RoutineFactory,
    SituationPictureFactory,
)

pytestmark = pytest.mark.django_db

CONTACT_NAME = "Anna Exempelsson"
CONTACT_PHONE = "08-508 12 345"
CONTACT_EMAIL = "anna.exempelsson@norra.example"
OTHER_CONTACT = "Ersättare Bertil Provsson"
PROBLEM = "Rekrytering via spelchattar"
NARRATIVE = "Uppföljningstexten om nätvandringen"
REPORTED = "987,65"


USER_NAMES = ["Gunnel Handläggarsson", "Holger Sekretessius", "Ingrid Medarbetarsson"]


@pytest.fixture
def adopted(committee, coordinator, secretary, staff, django_capture_on_commit_callbacks):
    """An adopted plan resting on a lägesbild, with a routine naming its contact person and an ärende
    written by a named handläggare; its documents made at the decision, as in production."""
    committee.publishes_publicly = True
    committee.save()
    for user, name in zip((coordinator, secretary, staff), USER_NAMES, strict=True):
        user.first_name, user.last_name = name.split()
        user.save()
    picture = SituationPictureFactory(organisation=committee, year=2019, established=True)
    problem = ProblemFactory(picture=picture, title=PROBLEM)
    revision = PlanRevisionFactory(
        plan=ActionPlanFactory(organisation=committee), year=2020, situation_picture=picture
    )
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision), text="Nätvandring på helger")
    activity.problems.set([problem])
    IndicatorTargetFactory(indicator=IndicatorFactory(activity=activity, name="Nätvandringar"), year=2020)
    RoutineFactory(
        organisation=committee,
        title="Rutin vid oro",
        body="Kontakta samordnaren samma dag.",
        contact_name=CONTACT_NAME,
        contact_role="Preventionssamordnare",
        contact_phone=CONTACT_PHONE,
        contact_email=CONTACT_EMAIL,
        contact=OTHER_CONTACT,
    )
    CaseMemo.objects.create(
        owner=revision,
        official=coordinator,
        official_title="Utredare",
        prepared_on=datetime.date(2020, 2, 1),
        proposal="Nämnden antar handlingsplanen.",
        summary="Planen revideras årligen.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.adopt_revision(
            revision=revision,
            decided_by="Norra stadsdelsnämnden",
            decided_on=datetime.date(2020, 2, 20),
            paragraph="7",
            diary_number="",
            by=secretary,
        )
    return revision, activity


def _public_texts(client, organisation, revision) -> str:
    pages = [
        client.get(reverse("public:organisation", args=[organisation.pk])),
        client.get(reverse("public:revision", args=[organisation.pk, revision.pk])),
        client.get(reverse("public:accessibility")),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    # Every public page links to the tillgänglighetsredogörelse.
    assert all(reverse("public:accessibility") in page.content.decode() for page in pages)
    pdf = client.get(reverse("public:revision_pdf", args=[organisation.pk, revision.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    return "".join(page.content.decode() for page in pages) + " ".join(page_texts(pdf.content))


def test_no_name_of_a_person_reaches_the_public_pages_or_pdf(client, committee, adopted):
    revision, _ = adopted
    # The stored public version was made at the decision (by the task, in no one's name).
    stored = StoredDocument.objects.get(key=f"plans.PlanRevision:{revision.pk}:publik")
    assert stored.created_by is None
    text = _public_texts(client, committee, revision)
    assert "Nätvandring på helger" in text and "Rutin vid oro" in text  # the adopted material is there
    assert "Preventionssamordnare, Norra stadsdelsnämnden" in text  # the contact as a role
    secrets = [CONTACT_NAME, "Exempelsson", CONTACT_PHONE, CONTACT_EMAIL, "Bertil Provsson", PROBLEM]
    for secret in secrets + USER_NAMES + ["Handläggarsson", "Sekretessius", "Medarbetarsson"]:
        assert secret not in text, secret
    assert "Svarar mot" not in text


def test_the_committees_own_plan_pdf_still_names_them(client, secretary, adopted):
    revision, _ = adopted
    client.force_login(secretary)
    plan = " ".join(page_texts(client.get(reverse("plans:revision_pdf", args=[revision.pk])).content))
    for expected in (CONTACT_NAME, CONTACT_PHONE, CONTACT_EMAIL, "Bertil Provsson", f"Svarar mot: {PROBLEM}"):
        assert expected in plan, expected
    # The canary names are real: the ärende, which is never public, names its handläggare.
    case = client.get(reverse("plans:revision_case_pdf", args=[revision.pk])).content
    assert "Gunnel Handläggarsson" in " ".join(page_texts(case))


def test_a_public_version_made_later_still_shows_no_follow_up(client, committee, adopted):
    """A revision adopted before the public version existed gets it when first asked for: by then its
    follow-up has values and narratives, which the open pages never show."""
    revision, activity = adopted
    round_ = FollowUpRoundFactory(revision=revision)
    entry = ActivityFollowUpFactory(round=round_, activity=activity)
    entry.narrative = NARRATIVE
    entry.save()
    IndicatorValue.objects.create(round=round_, indicator=activity.indicators.get(), value=Decimal("987.65"))
    StoredDocument.objects.filter(key=f"plans.PlanRevision:{revision.pk}:publik").delete()
    text = _public_texts(client, committee, revision)
    assert "Nätvandringar (procent)" in text  # the indicator and its target are plan text
    assert REPORTED not in text
    assert NARRATIVE not in text
    # The nämnd's renderer would draw the value: it is there to be left out.
    (chapter,) = pdf.plan_context(revision)["chapters"]
    assert REPORTED in chapter.indicator_views[0][1][0].chart
