"""The redline: "Ändringar sedan föregående antagna version" as an appendix of the draft's PDF, and the
comparison page as a PDF of its own."""

import pytest
from django.urls import reverse

from tests.documents.pdfcheck import page_texts
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(committee):
    adopted = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    old_chapter = ChapterFactory(revision=adopted, heading="Förebyggande arbete")
    kept = ActivityFactory(chapter=old_chapter, text="Föräldraträffar om nätet", timing="HT 2019")
    ActivityFactory(chapter=old_chapter, text="Studiebesök som utgår")
    revision = PlanRevisionFactory(plan=adopted.plan, year=2020, copied_from=adopted)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete", copied_from=old_chapter)
    ActivityFactory(chapter=chapter, text="Föräldraträffar om nätet", timing="VT 2020", copied_from=kept)
    ActivityFactory(chapter=chapter, text="Ny dialog med idrottsföreningar")
    return revision


def _text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return " ".join(page_texts(response.content))


def test_the_draft_plan_carries_the_changes_since_the_adopted_version(client, coordinator, draft):
    client.force_login(coordinator)
    text = _text(client.get(reverse("plans:revision_pdf", args=[draft.pk])))
    assert "Bilaga: Ändringar sedan föregående antagna version" in text
    assert "1 tillagda, 1 borttagna, 1 ändrade och 0 oförändrade aktiviteter" in text
    assert "Tillagd Ny dialog med idrottsföreningar" in text
    assert "Borttagen Studiebesök som utgår" in text
    # (the UTKAST watermark's letters may fall between the two cells in pdftotext's reading order)
    assert "Ändrat: Tidplan HT 2019" in text and "VT 2020" in text


def test_an_adopted_plan_has_no_appendix(client, coordinator, draft):
    client.force_login(coordinator)
    text = _text(client.get(reverse("plans:revision_pdf", args=[draft.copied_from.pk])))
    assert "Ändringar sedan" not in text


def test_the_comparison_page_offers_the_same_as_a_pdf(client, secretary, staff, draft):
    client.force_login(secretary)
    page = client.get(reverse("plans:revision_compare", args=[draft.pk])).content.decode()
    url = reverse("plans:revision_compare_pdf", args=[draft.pk]) + f"?med={draft.copied_from.pk}"
    assert url in page
    response = client.get(url)
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="Andringar-Handlingsplan-VBE-Norra-2019-2020.pdf"'
    )
    text = _text(response)
    assert "JÄMFÖRELSE" in text and "Tillagd Ny dialog med idrottsföreningar" in text
    assert "Ändrat: Tidplan HT 2019" in text and "VT 2020" in text
    client.force_login(staff)
    assert client.get(url).status_code == 404
