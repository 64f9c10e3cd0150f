"""Activities answer the lägesbild's prioritised problems: chosen in the form, shown on the plan, its PDF
and the follow-up report, listed as unanswered on the lägesbild page, carried into next year's copy."""

import datetime
import re

import pytest
from django.urls import reverse

from followup.models import FollowUpStatus
from plans import services
from plans.models import Activity
from situation import services as situation_services
from tests.documents.pdfcheck import page_texts
from tests.factories import (
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    PlanRevisionFactory,
    ProblemFactory,
    SituationPictureFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(committee):
    return SituationPictureFactory(organisation=committee, year=2019, established=True)


@pytest.fixture
def problems(picture):
    return [
        ProblemFactory(picture=picture, priority=1, title="Rekrytering via sociala medier"),
        ProblemFactory(picture=picture, priority=2, title="Klistermärken vid skolorna"),
    ]


@pytest.fixture
def revision(committee, picture):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020, situation_picture=picture)
    chapter = ChapterFactory(revision=revision, heading="Förebyggande arbete")
    ActivityFactory(chapter=chapter, text="Föräldraträffar om nätet")
    return revision


def _post(activity, problems):
    return {
        "text": activity.text,
        "purpose": activity.purpose,
        "responsible": activity.responsible,
        "partners": activity.partners,
        "timing": activity.timing,
        "follow_up_method": activity.follow_up_method,
        "responsible_unit": activity.responsible_unit_id or activity.chapter.revision.plan.organisation_id,
        "version": activity.version,
        "problems": [p.pk for p in problems],
    }


def _unanswered(client, picture):
    page = client.get(picture.get_absolute_url()).content.decode()
    section = page.split('id="unanswered-title"', 1)[1].split("</section>", 1)[0]
    return section


def test_links_chosen_and_removed_update_the_unanswered_list(
    client, coordinator, picture, problems, revision
):
    activity = Activity.objects.get(chapter__revision=revision)
    client.force_login(coordinator)
    before = _unanswered(client, picture)
    assert "Rekrytering via sociala medier" in before and "Klistermärken vid skolorna" in before

    edit = reverse("plans:activity_edit", args=[activity.pk])
    assert client.post(edit, _post(activity, [problems[0]])).status_code == 302
    chosen = _unanswered(client, picture)
    assert "Rekrytering via sociala medier" not in chosen and "Klistermärken vid skolorna" in chosen

    activity.refresh_from_db()
    assert client.post(edit, _post(activity, [])).status_code == 302
    removed = _unanswered(client, picture)
    assert "Rekrytering via sociala medier" in removed
    # Both changes are in the activity's history, with the links as they were.
    linked = [
        list(r.problems.values_list("problem_id", flat=True)) for r in activity.history.order_by("history_id")
    ]
    assert [problems[0].pk] in linked and linked[-1] == []


def test_form_offers_only_problems_of_the_lagesbild_the_revision_rests_on(
    client, coordinator, committee, problems, revision
):
    other = ProblemFactory(
        picture=SituationPictureFactory(organisation=committee, year=2017), title="Annat år"
    )
    activity = Activity.objects.get(chapter__revision=revision)
    client.force_login(coordinator)
    edit = reverse("plans:activity_edit", args=[activity.pk])
    form = client.get(edit).content.decode()
    assert "Rekrytering via sociala medier" in form and "Annat år" not in form
    crafted = client.post(edit, _post(activity, [other]))
    assert crafted.status_code == 200 and "Välj ett giltigt alternativ" in crafted.content.decode()
    assert not activity.problems.exists()
    with pytest.raises(services.PlanError):
        services.update_activity(
            activity=activity, version=activity.version, by=coordinator, problems=[other]
        )


def test_plan_page_and_pdf_say_what_each_activity_answers(client, coordinator, staff, problems, revision):
    activity = Activity.objects.get(chapter__revision=revision)
    activity.problems.set(problems)
    client.force_login(coordinator)
    page = client.get(revision.get_absolute_url()).content.decode()
    assert "Svarar mot:" in page and "Rekrytering via sociala medier; Klistermärken vid skolorna" in page
    pdf = client.get(reverse("plans:revision_pdf", args=[revision.pk]))
    text = " ".join(page_texts(pdf.content))
    assert "Svarar mot: Rekrytering via sociala medier; Klistermärken vid skolorna" in text


def test_staff_see_the_adopted_plan_without_the_lagesbild_problems(
    client, staff, committee, picture, problems
):
    adopted = PlanRevisionFactory(
        plan__organisation=committee, year=2019, adopted=True, situation_picture=picture
    )
    activity = ActivityFactory(chapter=ChapterFactory(revision=adopted), text="Fritidsgårdens nätvandring")
    activity.problems.set(problems)
    client.force_login(staff)
    page = client.get(adopted.get_absolute_url()).content.decode()
    assert "Fritidsgårdens nätvandring" in page
    assert "Svarar mot" not in page and "Rekrytering via sociala medier" not in page


def test_links_survive_the_copy_and_follow_the_lagesbild_lineage(coordinator, picture, problems, revision):
    activity = Activity.objects.get(chapter__revision=revision)
    activity.problems.set([problems[1]])
    services.adopt_revision(
        revision=revision,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2020, 2, 20),
        paragraph="7",
        diary_number="",
        by=coordinator,
    )
    draft = services.start_next_revision(source=revision, by=coordinator)
    copied = Activity.objects.get(chapter__revision=draft)
    # Resting on the same lägesbild: the links are kept as they were.
    assert draft.situation_picture == picture and list(copied.problems.all()) == [problems[1]]

    next_picture = situation_services.start_next_year(picture=picture, by=coordinator)
    services.update_revision_meta(
        revision=draft,
        version=draft.version,
        year=draft.year,
        decided_by=draft.decided_by,
        situation_picture=next_picture,
        by=coordinator,
    )
    mapped = list(copied.problems.all())
    assert [p.picture_id for p in mapped] == [next_picture.pk]
    assert mapped[0].copied_from == problems[1] and mapped[0].title == "Klistermärken vid skolorna"
    assert list(activity.problems.all()) == [problems[1]]  # the adopted revision never changes


def test_follow_up_report_reads_per_problem(client, coordinator, committee, picture, problems):
    adopted = PlanRevisionFactory(
        plan__organisation=committee, year=2019, adopted=True, situation_picture=picture
    )
    chapter = ChapterFactory(revision=adopted)
    activity = ActivityFactory(chapter=chapter, text="Nätvandring på helger")
    activity.problems.set([problems[0]])
    other = ActivityFactory(chapter=chapter, text="Samtal med föräldrar om spel")
    other.problems.set([problems[0]])
    ActivityFactory(chapter=chapter, text="Städning av klotter")  # answers nothing
    round_ = FollowUpRoundFactory(revision=adopted)
    entry = ActivityFollowUpFactory(round=round_, activity=activity)
    entry.status = FollowUpStatus.objects.default_scale().get(label="Pågående")
    entry.save()
    ActivityFollowUpFactory(round=round_, activity=other)
    client.force_login(coordinator)
    page = client.get(reverse("followup:round_report", args=[round_.pk])).content.decode()
    section = page.split('id="per-problem-title"', 1)[1]
    first, second = section.split("Klistermärken vid skolorna", 1)
    # Which activities answer the problem, each with its status in this round.
    assert "Rekrytering via sociala medier" in first
    items = {
        text.split(":", 1)[0]: text
        for text in (
            re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", first, re.S)
        )
    }
    assert set(items) == {"Nätvandring på helger", "Samtal med föräldrar om spel"}
    assert "Pågående" in items["Nätvandring på helger"]
    assert "Ej rapporterad" in items["Samtal med föräldrar om spel"]
    assert "Städning av klotter" not in section
    assert "Ingen aktivitet i planen svarar mot problemet." in second
