"""The central samordnare's overview, and the XLSX export of a round."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from followup import services
from followup.models import FollowUpStatus
from tests.factories import ActivityFactory, ChapterFactory, FollowUpRoundFactory, PlanRevisionFactory, member

from .conftest import entry_for

pytestmark = pytest.mark.django_db


def _status(label):
    return FollowUpStatus.objects.default_scale().get(label=label)


def _round_with(organisation, labels, period="2019"):
    coordinator = member("samordnare", organisation)
    revision = PlanRevisionFactory(plan__organisation=organisation, year=2019, adopted=True)
    chapter = ChapterFactory(revision=revision)
    activities = [ActivityFactory(chapter=chapter) for _ in labels]
    round_ = services.open_round(
        revision=revision, kind="helar", period=period, deadline=datetime.date(2099, 1, 1), by=coordinator
    )
    for activity, label in zip(activities, labels, strict=True):
        if label:
            services.report(
                entry=entry_for(round_, activity),
                status=_status(label),
                narrative="x",
                version=1,
                by=coordinator,
            )
    return round_


def test_overview_shows_only_organisations_under_the_user(
    client, central, committee, other_committee, other_municipality
):
    _round_with(committee, ["Uppnått", "Uppnått", "Ej uppnått", None])
    _round_with(other_committee, ["Delvis uppnått"])
    _round_with(other_municipality, ["Uppnått"])
    client.force_login(central)
    html = client.get(reverse("followup:overview")).content.decode()
    assert "Norra stadsdelsnämnden" in html and "Södra stadsdelsnämnden" in html
    assert "Grannkommunen" not in html
    row = html[html.index(">Norra stadsdelsnämnden</th>") :]
    row = row[: row.index("</tr>")]
    # Ej påbörjad, Pågående, Genomförd, Uppnått, Delvis uppnått, Ej uppnått, Ej rapporterad, Totalt
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[2:]] == [
        "0",
        "0",
        "0",
        "2",
        "0",
        "1",
        "1",
        "4",
    ]


def test_overview_shows_the_latest_round(client, central, committee):
    latest = _round_with(committee, ["Ej uppnått"], period="2019")
    FollowUpRoundFactory(
        revision=latest.revision,
        kind="tertial1",
        period="Januari–april 2019",
        deadline=datetime.date(2019, 5, 1),
    )
    client.force_login(central)
    html = client.get(reverse("followup:overview")).content.decode()
    assert "Helår 2019</a>" in html
    assert "Januari–april 2019" not in html


def test_coordinator_overview_is_limited_to_own_tree(client, coordinator, committee, other_committee):
    _round_with(other_committee, ["Uppnått"])
    client.force_login(coordinator)
    html = client.get(reverse("followup:overview")).content.decode()
    assert "Södra stadsdelsnämnden" not in html


def test_overview_is_not_for_staff(client, staff):
    client.force_login(staff)
    assert client.get(reverse("followup:overview")).status_code == 403


def test_xlsx_export_holds_the_report(client, round_, activities, coordinator, secretary):
    services.report(
        entry=entry_for(round_, activities[0]),
        status=_status("Delvis uppnått"),
        narrative="Två av tre mötesplatser öppnade.",
        version=1,
        by=coordinator,
    )
    services.update_comment(round=round_, comment="Sammantaget gott arbete.", version=1, by=coordinator)
    client.force_login(secretary)
    response = client.get(reverse("followup:round_export", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    sheet = workbook["Uppföljning"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(
        ("Ansvarig", "Kapitel", "Aktivitet", "Mål", "Status", "Uppföljning", "Rapporterad av", "Rapporterad")
    )
    data = rows[header + 1 :]
    assert len(data) == 4
    reported = next(row for row in data if row[2] == "Mötesplatser för unga")
    assert reported[0] == "Fritidsenheten" and reported[4] == "Delvis uppnått"
    assert reported[5] == "Två av tre mötesplatser öppnade."
    assert reported[3] == "Stärka föräldrar i deras roll"
    assert sum(1 for row in data if row[4] == "Ej rapporterad") == 3
    totals = dict(list(workbook["Sammanfattning"].iter_rows(values_only=True))[1:9])
    assert totals["Delvis uppnått"] == 1 and totals["Ej rapporterad"] == 3 and totals["Totalt"] == 4
    assert "Sammantaget gott arbete." in [
        r[0] for r in workbook["Sammanfattning"].iter_rows(values_only=True)
    ]


def test_staff_cannot_export(client, round_, staff):
    client.force_login(staff)
    assert client.get(reverse("followup:round_export", args=[round_.pk])).status_code == 403


def test_overview_counts_an_adopted_plan_without_any_round(client, central, committee):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2018, adopted=True)
    chapter = ChapterFactory(revision=revision)
    for _ in range(3):
        ActivityFactory(chapter=chapter)
    client.force_login(central)
    html = client.get(reverse("followup:overview")).content.decode()
    row = html[html.index(">Norra stadsdelsnämnden</th>") :]
    row = row[: row.index("</tr>")]
    assert "Ingen uppföljning ännu" in row
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[2:]]
    assert cells[-2:] == ["–", "3"]  # Ej rapporterad, Totalt


def test_overview_shows_the_open_round_before_a_later_closed_one_and_marks_it_overdue(
    client, central, committee
):
    open_round = _round_with(committee, [None, None], period="Maj–augusti 2019")
    open_round.deadline = datetime.date(2019, 9, 15)
    open_round.save()
    FollowUpRoundFactory(
        revision=open_round.revision,
        kind="helar",
        period="Helår 2019 stängd",
        deadline=datetime.date(2020, 1, 31),
        status="stangd",
    )
    client.force_login(central)
    html = client.get(reverse("followup:overview")).content.decode()
    row = html[html.index(">Norra stadsdelsnämnden</th>") :]
    row = row[: row.index("</tr>")]
    assert "Maj–augusti 2019</a>" in row and "Helår 2019 stängd" not in row
    assert "Försenad: sista dag var 2019-09-15" in row
