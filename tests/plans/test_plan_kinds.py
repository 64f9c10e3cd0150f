"""Plan kinds, one engine: the brottsförebyggande åtgärdsplan (lag 2023:196) runs the same cycle as the
VBE-handlingsplan, with its own chapters, sections, lägesbild parts, cycle and adopting body."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import ActivityFollowUp, FollowUpStatus, IndicatorValue
from organisations.kinds import KindSetting, PlanKind, setting_for
from plans.forms import ChapterForm
from plans.models import ActionPlan, Activity, Chapter
from situation import services as situation_services
from situation.models import SituationPicture
from tests.documents.pdfcheck import page_texts

pytestmark = pytest.mark.django_db
CRIME = PlanKind.CRIME_PREVENTION


def _text(response) -> str:
    return " ".join(page_texts(response.content))


def _picture(client, committee) -> SituationPicture:
    """A brottsförebyggande lägesbild with the three parts of § 4, a problem, fastställd."""
    response = client.post(
        reverse("situation:picture_create"),
        {"organisation": committee.pk, "kind": CRIME, "year": 2024, "made_with": "Lokalpolisområdet"},
    )
    picture = SituationPicture.objects.get(kind=CRIME)
    assert response.status_code == 302
    parts = {
        "made_with": "Lokalpolisområdet",
        "crime_mapping": "Skadegörelse och stölder i centrum har ökat, främst kvällstid.",
        "other_information": "Trygghetsmätningen visar otrygghet vid busstationen.",
        "analysis": "Möjliga orsaker: dålig belysning och få vuxna i rörelse.",
        "version": picture.version,
    }
    assert client.post(reverse("situation:picture_edit", args=[picture.pk]), parts).status_code == 302
    page = client.get(picture.get_absolute_url()).content.decode()
    for heading in (
        "Kartläggning av brottsligheten, dess omfattning och konsekvenser",
        "Annan relevant information",
        "Analys, inklusive möjliga orsaker",
    ):
        assert heading in page
    assert "Omvärld" not in page and "Nationell hotnivå" not in page
    client.post(
        reverse("situation:problem_create", args=[picture.pk]),
        {"priority": 1, "title": "Skadegörelse vid busstationen", "crime_type": "Skadegörelse"},
    )
    client.post(reverse("situation:picture_establish", args=[picture.pk]))
    picture.refresh_from_db()
    assert picture.is_frozen and picture.problems.count() == 1
    return picture


def test_crime_prevention_plan_runs_the_whole_cycle(
    client, coordinator, secretary, committee, municipality, unit
):
    KindSetting.objects.create(organisation=municipality, kind=CRIME, adopting_body="Kommunstyrelsen")
    client.force_login(coordinator)
    # Draft, with the kind's own chapters and the adopting body the municipality has set.
    client.post(
        reverse("plans:plan_create"),
        {
            "organisation": committee.pk,
            "title": "Handlingsplan mot våldsbejakande extremism",  # the form's default: follows the kind
            "year": 2025,
            "kind": CRIME,
            "with_default_chapters": "on",
        },
    )
    plan = ActionPlan.objects.get(kind=CRIME)
    revision = plan.revisions.get()
    assert plan.title == "Brottsförebyggande åtgärdsplan" and revision.decided_by == "Kommunstyrelsen"
    headings = list(revision.chapters.values_list("heading", flat=True))
    assert "Situationella åtgärder" in headings and "Förhindrande arbete" not in headings

    picture = _picture(client, committee)
    problem = picture.problems.get()
    meta = {
        "year": 2025,
        "decided_by": "Kommunstyrelsen",
        "situation_picture": picture.pk,
        "measures_position": "Kommunen bedömer att situationella åtgärder vid busstationen behövs först.",
        "version": revision.version,
    }
    assert client.post(reverse("plans:revision_edit", args=[revision.pk]), meta).status_code == 302
    chapter = revision.chapters.get(kind=Chapter.Kind.SITUATIONAL)
    client.post(
        reverse("plans:activity_create", args=[chapter.pk]),
        {"text": "Bättre belysning vid busstationen", "responsible_unit": unit.pk, "problems": [problem.pk]},
    )
    activity = Activity.objects.get(chapter=chapter)
    assert list(activity.problems.all()) == [problem]
    client.post(
        reverse("plans:indicator_create", args=[activity.pk]),
        {"name": "Anmäld skadegörelse", "unit": "antal", "direction": "lagre", "target_2025": "80"},
    )

    # Adoption by the secretary.
    client.force_login(secretary)
    adopt = {
        "decided_by": "Kommunstyrelsen",
        "decided_on": "2025-03-12",
        "paragraph": "41",
        "diary_number": "KS 2025/12",
    }
    assert client.post(reverse("plans:revision_adopt", args=[revision.pk]), adopt).status_code == 302
    revision.refresh_from_db()
    assert revision.adoption_line == "Antagen av Kommunstyrelsen 2025-03-12 § 41, dnr KS 2025/12"

    # Follow-up with an indicator value.
    client.force_login(coordinator)
    client.post(
        reverse("followup:round_open"),
        {"revision": revision.pk, "kind": "helar", "period": "Helår 2025", "deadline": "2026-01-31"},
    )
    entry = ActivityFollowUp.objects.get(activity=activity)
    indicator = activity.indicators.get()
    status = FollowUpStatus.objects.default_scale().get(label="Genomförd")
    response = client.post(
        reverse("followup:entry_report", args=[entry.pk]),
        {
            "status": status.pk,
            "narrative": "Belysningen är på plats.",
            "version": entry.version,
            f"indicator_{indicator.pk}": "72,5",
        },
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=indicator).value == Decimal("72.5")

    # Documents: the plan as an ÅTGÄRDSPLAN with its own chapters and position, the report with the value.
    plan_pdf = _text(client.get(reverse("plans:revision_pdf", args=[revision.pk])))
    for text in (
        "ÅTGÄRDSPLAN",
        "Situationella åtgärder",
        "Ställningstagande om vilka åtgärder som behöver vidtas",
        "situationella åtgärder vid busstationen behövs först",
        "Svarar mot: Skadegörelse vid busstationen",
        "Anmäld skadegörelse (antal)",
    ):
        assert text in plan_pdf
    assert "HANDLINGSPLAN" not in plan_pdf
    report_pdf = _text(client.get(reverse("followup:round_pdf", args=[entry.round_id])))
    assert "Anmäld skadegörelse (antal) 72,5" in report_pdf
    picture_pdf = _text(client.get(reverse("situation:picture_pdf", args=[picture.pk])))
    assert "Kartläggning av brottsligheten, dess omfattning och konsekvenser" in picture_pdf
    assert "Prioriterade problem" in picture_pdf and "Skadegörelse vid busstationen" in picture_pdf
    assert "Nationell hotnivå" not in picture_pdf  # the VBE picture's NCT level, as on the web page
    assert "1 Kartläggning av brottsligheten" in picture_pdf
    assert "Per prioriterat problem i lägesbilden" in report_pdf
    # The draft's UTKAST watermark may interleave its letters with the line.
    assert re.search(r"Bättre belysning vid busstationen: (?:[A-Z] )*Genomförd", report_pdf)
    from tests.documents.test_docx import docx_text

    _, plan_docx = docx_text(client.get(reverse("plans:revision_docx", args=[revision.pk])).content)
    for text in (
        "situationella åtgärder vid busstationen behövs först",
        "Svarar mot: Skadegörelse vid busstationen",
        "Anmäld skadegörelse (antal)",
    ):
        assert text in plan_docx


def test_cycle_and_adopting_body_are_settings_per_kind_and_organisation(coordinator, committee, municipality):
    assert setting_for(committee, CRIME).adopting_body == "Kommunfullmäktige"  # the kind's default
    KindSetting.objects.create(organisation=municipality, kind=CRIME, picture_cycle_years=2)
    KindSetting.objects.create(
        organisation=committee, kind=CRIME, adopting_body="Kommunstyrelsen", picture_cycle_years=3
    )
    assert setting_for(committee, CRIME).adopting_body == "Kommunstyrelsen"  # the nearest wins
    assert setting_for(municipality, CRIME).picture_cycle_years == 2
    assert setting_for(committee, PlanKind.VBE).picture_cycle_years == 1  # another kind is untouched
    picture = situation_services.create_picture(organisation=committee, kind=CRIME, year=2024, by=coordinator)
    situation_services.establish_picture(picture=picture, by=coordinator)
    assert situation_services.start_next_year(picture=picture, by=coordinator).year == 2027
    vbe = situation_services.create_picture(organisation=committee, year=2024, by=coordinator)
    situation_services.establish_picture(picture=vbe, by=coordinator)
    assert situation_services.start_next_year(picture=vbe, by=coordinator).year == 2025


def test_each_kind_offers_its_own_activity_sections():
    crime = dict(ChapterForm(plan_kind=CRIME).fields["kind"].choices)
    vbe = dict(ChapterForm(plan_kind=PlanKind.VBE).fields["kind"].choices)
    assert "situationella" in crime and "forhindrande" not in crime
    assert "forhindrande" in vbe and "situationella" not in vbe


def test_a_plan_rests_only_on_a_lagesbild_of_its_own_kind(client, coordinator, committee):
    from plans import services

    plan = services.create_plan(
        organisation=committee, title="Åtgärdsplan", year=2025, kind=CRIME, by=coordinator
    )
    revision = plan.revisions.get()
    vbe_picture = situation_services.create_picture(organisation=committee, year=2024, by=coordinator)
    with pytest.raises(services.PlanError, match="samma typ"):
        services.update_revision_meta(
            revision=revision,
            version=1,
            year=2025,
            decided_by="",
            situation_picture=vbe_picture,
            by=coordinator,
        )
    client.force_login(coordinator)
    form = client.get(reverse("plans:revision_edit", args=[revision.pk])).content.decode()
    assert "Ställningstagande om vilka åtgärder som behöver vidtas" in form
    assert f'<option value="{vbe_picture.pk}"' not in form
