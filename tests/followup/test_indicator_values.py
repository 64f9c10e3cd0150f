"""Indicator values are entered with the follow-up: numbers only, shown in the report against the target."""

from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import FollowUpStatus, IndicatorValue
from tests.factories import IndicatorFactory, IndicatorTargetFactory

from .conftest import entry_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(activities):
    indicator = IndicatorFactory(
        activity=activities[0], name="Besökare per kväll", unit="personer", direction="hogre"
    )
    IndicatorTargetFactory(indicator=indicator, year=2019, value=Decimal("40"))
    return indicator


def _post(client, entry, indicator, value, assessment=""):
    status = FollowUpStatus.objects.default_scale().get(label="Pågående")
    return client.post(
        reverse("followup:entry_report", args=[entry.pk]),
        {
            "status": status.pk,
            "narrative": "Mötesplatsen har öppet tre kvällar i veckan.",
            "version": entry.version,
            f"indicator_{indicator.pk}": value,
            f"assessment_{indicator.pk}": assessment,
        },
    )


def test_staff_enter_an_indicator_value_with_decimal_comma(client, staff, round_, activities, indicator):
    entry = entry_for(round_, activities[0])
    client.force_login(staff)
    form = client.get(reverse("followup:entry_report", args=[entry.pk])).content.decode()
    assert "Besökare per kväll (personer)" in form and 'inputmode="decimal"' in form
    assert _post(client, entry, indicator, "37,5", "nara").status_code == 302
    value = IndicatorValue.objects.get(round=round_, indicator=indicator)
    assert value.value == Decimal("37.5") and value.get_assessment_display() == "Uppnått nära målvärde"
    assert value.history.count() == 1


def test_a_non_number_is_refused_and_nothing_is_saved(client, staff, round_, activities, indicator):
    entry = entry_for(round_, activities[0])
    client.force_login(staff)
    response = _post(client, entry, indicator, "ungefär fyrtio")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ange ett tal, till exempel 12 eller 12,5." in page
    assert "ungefär fyrtio" in page and "Mötesplatsen har öppet tre kvällar" in page  # input kept
    entry.refresh_from_db()
    assert entry.status is None and not IndicatorValue.objects.exists()


def test_report_shows_the_latest_value_against_the_target(client, coordinator, round_, activities, indicator):
    entry = entry_for(round_, activities[0])
    client.force_login(coordinator)
    _post(client, entry, indicator, "42")
    page = client.get(reverse("followup:round_report", args=[round_.pk])).content.decode()
    section = page.split('id="indicators-title"', 1)[1].split("</section>", 1)[0]
    assert "Besökare per kväll (personer)" in section
    row = section.split("Besökare per kväll", 1)[1].split("</tr>", 1)[0]
    assert "42" in row and "40" in row and "Ja" in row  # higher is better: 42 reaches 40
    pdf = client.get(reverse("followup:round_pdf", args=[round_.pk]))
    from tests.documents.pdfcheck import page_texts

    text = " ".join(page_texts(pdf.content))
    assert (
        "Indikatorer: senaste värde mot målvärde 2019" in text and "Besökare per kväll (personer) 42" in text
    )
