"""Indicators of an activity: numbers only (decimal comma accepted), targets per year, a server-side
SVG chart whose points are the values, the same chart in the plan PDF, frozen and copied with the plan."""

import datetime
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import IndicatorValue
from plans import indicator_selectors, services
from plans.indicator_chart import ReportedValue, indicator_chart
from plans.models import Activity, Indicator
from tests.documents.pdfcheck import page_texts
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    PlanRevisionFactory,
)

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def activity(committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2020)
    return ActivityFactory(
        chapter=ChapterFactory(revision=revision), text="Trygghetsvandringar kring skolorna"
    )


def _post(**overrides):
    data = {
        "name": "Anmälda skadegörelsebrott",
        "unit": "antal",
        "direction": "lagre",
        "baseline_year": "2018",
        "baseline_value": "1 240,5",
        "baseline_source": "Polisens statistik",
        "target_2020": "1 100",
        "target_2021": "950,25",
        "target_2022": "",
    }
    data.update(overrides)
    return data


def test_coordinator_adds_an_indicator_with_decimal_comma_and_targets(client, coordinator, activity):
    client.force_login(coordinator)
    response = client.post(reverse("plans:indicator_create", args=[activity.pk]), _post())
    assert response.status_code == 302
    indicator = activity.indicators.get()
    assert indicator.baseline_value == Decimal("1240.5") and indicator.direction == "lagre"
    assert [(t.year, t.value) for t in indicator.targets.all()] == [
        (2020, Decimal("1100")),
        (2021, Decimal("950.25")),
    ]
    page = client.get(activity.get_absolute_url()).content.decode()
    assert "Anmälda skadegörelsebrott (antal)" in page and "1240,5" in page and "950,25" in page


@pytest.mark.parametrize("field", ["baseline_value", "target_2021"])
@pytest.mark.parametrize("text", ["tolv", "12 st", "1,2,3", "12%"])
def test_indicator_refuses_a_non_number_with_a_clear_swedish_message(
    client, coordinator, activity, field, text
):
    client.force_login(coordinator)
    response = client.post(reverse("plans:indicator_create", args=[activity.pk]), _post(**{field: text}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange ett tal, till exempel 12 eller 12,5." in page
    assert f'value="{text}"' in page  # nothing the user typed is lost
    assert not Indicator.objects.exists()


def test_stale_indicator_save_is_a_conflict(client, coordinator, activity):
    indicator = IndicatorFactory(activity=activity, name="Gammalt namn")
    client.force_login(coordinator)
    url = reverse("plans:indicator_edit", args=[indicator.pk])
    assert client.post(url, _post(name="Första", version=1)).status_code == 302
    response = client.post(url, _post(name="Andra", version=1))
    assert response.status_code == 409
    indicator.refresh_from_db()
    assert indicator.name == "Första" and indicator.version == 2


def test_adopted_revision_refuses_indicator_writes(client, coordinator, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    indicator = IndicatorFactory(activity=ActivityFactory(chapter=ChapterFactory(revision=revision)))
    client.force_login(coordinator)
    for name, pk in [("indicator_create", indicator.activity_id), ("indicator_edit", indicator.pk)]:
        response = client.post(reverse(f"plans:{name}", args=[pk]), _post(version=1))
        assert response.status_code == 302
    assert client.post(reverse("plans:indicator_delete", args=[indicator.pk])).status_code == 302
    indicator.refresh_from_db()
    assert Indicator.objects.count() == 1 and indicator.name == "Andel elever som känner sig trygga i skolan"
    with pytest.raises(services.RevisionFrozen):
        from plans import indicator_services

        indicator_services.update_indicator(indicator=indicator, version=1, by=coordinator, name="X")


def _points(svg: str, cls: str):
    root = ET.fromstring(svg)
    shapes = [el for el in root.iter() if el.get("class") == cls]
    return [
        (el.get("data-year"), Decimal(el.get("data-value")), float(el.get("cy") or el.get("y")))
        for el in shapes
    ]


def test_chart_points_match_the_values(activity):
    indicator = IndicatorFactory(activity=activity, baseline_year=2018, baseline_value=Decimal("40"))
    IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("55"))
    IndicatorTargetFactory(indicator=indicator, year=2021, value=Decimal("60"))
    values = [
        ReportedValue("Tertial 1 2020", 2020, "tertial1", Decimal("42.5")),
        ReportedValue("Helår 2020", 2020, "helar", Decimal("51")),
    ]
    svg = indicator_chart(indicator, values)
    measured = _points(svg, "value")
    targets = _points(svg, "target")
    assert [(y, v) for y, v, _ in measured] == [("2020", Decimal("42.5")), ("2020", Decimal("51"))]
    assert [(y, v) for y, v, _ in targets] == [("2020", Decimal("55")), ("2021", Decimal("60"))]
    # Heights are linear in the value: every point lies on the same scale as the baseline (y grows down).
    (_, base_value, base_y) = _points(svg, "baseline")[0]
    base_y += 5  # the square's centre
    pixels_per_unit = (base_y - targets[1][2]) / float(targets[1][1] - base_value)
    for _, value, y in measured + targets:
        assert y == pytest.approx(base_y - float(value - base_value) * pixels_per_unit, abs=0.02)
    text = "".join(ET.fromstring(svg).itertext())
    assert "42,5" in text and "Målvärde" in text and "Uppmätt värde" in text


def test_the_same_chart_is_in_the_plan_pdf(client, coordinator, activity):
    indicator = IndicatorFactory(activity=activity, name="Deltagare i föräldraträffar", unit="personer")
    IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("35.5"))
    client.force_login(coordinator)
    page = client.get(activity.get_absolute_url()).content.decode()
    assert f'id="indikator-diagram-{indicator.pk}"' in page
    pdf = client.get(reverse("plans:revision_pdf", args=[activity.chapter.revision_id]))
    text = " ".join(page_texts(pdf.content))
    assert "Indikatorer – " in text and "Deltagare i föräldraträffar (personer)" in text
    # The chart's own text (point labels, legend) is in the PDF: it was drawn, not left out.
    assert "35,5" in text and "Utgångsvärde" in text and "Uppmätt värde" in text
    web = indicator_selectors.for_activity(activity)[0].chart
    assert 'class="target"' in web and web.count("<circle") == 3  # one target, two legend markers


def test_the_pdf_draws_the_pages_chart_point_for_point(client, coordinator, activity):
    """Identical, not merely similar: the PDF embeds the page's SVG, only set in the shipped font."""
    import re

    import pikepdf

    from plans import pdf
    from plans.indicator_chart import PDF_FONTS, WEB_FONTS
    from tests.documents.pdfcheck import open_pdf

    indicator = IndicatorFactory(activity=activity, name="Deltagare i föräldraträffar", unit="personer")
    IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("35.5"))
    round_ = FollowUpRoundFactory(revision=activity.chapter.revision, kind="helar")
    IndicatorValue.objects.create(round=round_, indicator=indicator, value=Decimal("28.25"))
    web = indicator_selectors.for_activity(activity)[0].chart
    (chapter,) = pdf.plan_context(activity.chapter.revision)["chapters"]
    printed = chapter.indicator_views[0][1][0].chart
    assert printed == web.replace(f'font-family="{WEB_FONTS}"', f'font-family="{PDF_FONTS}"')
    assert [(y, v) for y, v, _ in _points(printed, "value")] == [("2020", Decimal("28.25"))]
    client.force_login(coordinator)
    content = client.get(reverse("plans:revision_pdf", args=[activity.chapter.revision_id])).content
    text = " ".join(page_texts(content))
    assert "28,25" in text and "35,5" in text and "62,5" in text  # each point's label
    # Drawn as vectors: the blue (Okabe-Ito #0072B2) of the measured values and their legend is painted.
    streams, document = [], open_pdf(content)
    for page in document.pages:
        contents = page.obj.Contents
        streams += [contents] if isinstance(contents, pikepdf.Stream) else list(contents)
    assert re.search(rb"0 0\.447\d* 0\.698\d* rg", b"".join(s.read_bytes() for s in streams))


def test_indicators_carry_into_next_years_draft_with_lineage(coordinator, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019)
    activity = ActivityFactory(chapter=ChapterFactory(revision=revision))
    indicator = IndicatorFactory(activity=activity)
    IndicatorTargetFactory(indicator=indicator, year=2020, value=Decimal("70"))
    services.adopt_revision(
        revision=revision,
        decided_by="Norra stadsdelsnämnden",
        decided_on=datetime.date(2019, 3, 1),
        paragraph="3",
        diary_number="",
        by=coordinator,
    )
    draft = services.start_next_revision(source=revision, by=coordinator)
    copy = Indicator.objects.get(activity__chapter__revision=draft)
    assert copy.copied_from == indicator and copy.name == indicator.name
    assert [(t.year, t.value) for t in copy.targets.all()] == [(2020, Decimal("70"))]
    assert Activity.objects.get(chapter__revision=draft).indicators.count() == 1


def test_indicator_with_reported_values_cannot_be_removed(client, coordinator, activity):
    indicator = IndicatorFactory(activity=activity)
    round_ = FollowUpRoundFactory()
    IndicatorValue.objects.create(round=round_, indicator=indicator, value=Decimal("3"))
    client.force_login(coordinator)
    response = client.post(reverse("plans:indicator_delete", args=[indicator.pk]), follow=True)
    assert "Indikatorn har värden i en uppföljning" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
