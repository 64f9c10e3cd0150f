import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook

from meetings import services
from meetings.importer import ImportFailed, read_meetings
from meetings.models import Meeting, MeetingRule
from tests.factories import MeetingFactory

D = datetime.date


@pytest.fixture
def meeting(committee):
    return MeetingFactory(organisation=committee, date=D(2026, 1, 29))


def test_papers_are_due_by_the_nambds_rule_unless_the_meeting_says_otherwise(meeting):
    assert meeting.papers_due == D(2026, 1, 15)  # default: 14 days before
    assert meeting.followup_due == D(2026, 1, 8)  # default: 7 days before the papers
    MeetingRule.objects.create(organisation=meeting.organisation, papers_days_before=10)
    meeting = Meeting.objects.with_rule().get(pk=meeting.pk)
    assert meeting.papers_due == D(2026, 1, 19)
    meeting.papers_due_override = D(2026, 1, 12)
    assert meeting.papers_due == D(2026, 1, 12)


def test_secretary_enters_a_meeting_in_the_browser(client, secretary, committee):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"),
        {"organisation": committee.pk, "date": "2026-02-26", "starts_at": "08:15", "place": "Stadshuset"},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(organisation=committee)
    assert (meeting.date, meeting.starts_at, meeting.place) == (
        D(2026, 2, 26),
        datetime.time(8, 15),
        "Stadshuset",
    )
    assert meeting.history.get().history_user == secretary
    page = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "2026-02-26" in page and "2026-02-12" in page  # papers due by the default rule


def test_a_second_meeting_the_same_day_is_refused_in_swedish(client, secretary, meeting):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"), {"organisation": meeting.organisation.pk, "date": "2026-01-29"}
    )
    assert response.status_code == 400
    assert "redan ett sammanträde den dagen" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_staff_may_read_but_not_enter_meetings(client, staff, meeting):
    client.force_login(staff)
    assert "2026-01-29" in client.get(reverse("meetings:meeting_list")).content.decode()
    assert client.get(reverse("meetings:meeting_create")).status_code == 403
    assert client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), {}).status_code == 403


def test_a_stale_edit_is_refused_and_the_other_save_kept(client, coordinator, secretary, meeting):
    services.update_meeting(meeting=meeting, data={"place": "Nya salen"}, version=1, by=secretary)
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        {"date": "2026-01-30", "place": "Gamla salen", "version": 1},
    )
    assert response.status_code == 409
    assert "Sammanträdet har ändrats av" in response.content.decode()
    meeting.refresh_from_db()
    assert (meeting.date, meeting.place, meeting.version) == (D(2026, 1, 29), "Nya salen", 2)
    assert [h.history_change_reason for h in meeting.history.order_by("history_date")] == [
        None,
        "Sammanträdet ändrades",
    ]


def test_secretary_of_another_committee_cannot_touch_the_meeting(other_committee, meeting):
    from tests.factories import member

    other = member("namndsekreterare", other_committee)
    with pytest.raises(PermissionDenied):
        services.update_meeting(meeting=meeting, data={"place": "x"}, version=1, by=other)
    meeting.refresh_from_db()
    assert meeting.place == "Sammanträdesrummet"


# --- import ----------------------------------------------------------------------------------------

CSV = (
    "Datum;Tid;Plats;Sista dag för handlingar\n"
    "2026-01-29;08:15;Stadshuset, sal Å;\n"
    "2026-02-26;08.15;;2026-02-10\n"
)


def test_csv_from_swedish_excel_windows_1252_and_bom_both_read():
    for data in (CSV.encode("cp1252"), CSV.encode("utf-8-sig")):
        rows = read_meetings(data, year=2026)
        assert [(r.date, r.starts_at, r.place, r.papers_due) for r in rows] == [
            (D(2026, 1, 29), datetime.time(8, 15), "Stadshuset, sal Å", None),
            (D(2026, 2, 26), datetime.time(8, 15), "", D(2026, 2, 10)),
        ]


def test_xlsx_with_real_excel_dates_reads():
    book = Workbook()
    sheet = book.active
    sheet.append(["Datum", "Tid", "Plats"])
    sheet.append([datetime.datetime(2026, 3, 26), datetime.time(8, 15), "Stadshuset"])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = read_meetings(buffer.getvalue())
    assert (row.date, row.starts_at, row.place) == (D(2026, 3, 26), datetime.time(8, 15), "Stadshuset")


def test_bad_rows_are_all_reported_by_line_and_nothing_is_imported(client, secretary, committee):
    data = "Datum;Tid;Plats\n2026-01-29;08:15;A\n2026-13-01;08:15;B\n2026-02-26;åtta;C\n2025-03-26;;D\n"
    with pytest.raises(ImportFailed) as caught:
        read_meetings(data.encode("cp1252"), year=2026)
    assert caught.value.errors == [
        "Rad 3: datum ”2026-13-01” kan inte läsas (skriv till exempel 2026-01-29).",
        "Rad 4: tid ”åtta” kan inte läsas (skriv till exempel 08:15).",
        "Rad 5: 2025-03-26 ligger inte i år 2026.",
    ]
    client.force_login(secretary)
    upload = io.BytesIO(data.encode("cp1252"))
    upload.name = "sammantraden.csv"
    response = client.post(
        reverse("meetings:meeting_import"), {"organisation": committee.pk, "year": 2026, "file": upload}
    )
    assert response.status_code == 400
    assert "Rad 3: datum" in response.content.decode()
    assert not Meeting.objects.exists()


def test_import_creates_the_year_with_history(client, secretary, committee):
    client.force_login(secretary)
    upload = io.BytesIO(CSV.encode("cp1252"))
    upload.name = "sammantraden.csv"
    response = client.post(
        reverse("meetings:meeting_import"), {"organisation": committee.pk, "year": 2026, "file": upload}
    )
    assert response.status_code == 302
    assert list(Meeting.objects.values_list("date", flat=True)) == [D(2026, 1, 29), D(2026, 2, 26)]
    assert Meeting.history.filter(history_change_reason="Sammanträdet importerades").count() == 2


def test_import_refuses_a_day_that_already_has_a_meeting(secretary, committee, meeting):
    rows = read_meetings(CSV.encode("utf-8"))
    with pytest.raises(services.MeetingError, match="rad 2 \\(2026-01-29\\)"):
        services.import_meetings(organisation=committee, rows=rows, by=secretary)
    assert Meeting.objects.count() == 1


def test_the_rule_is_set_per_nambd(client, secretary, committee, meeting):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:rule_edit", args=[committee.pk]),
        {"papers_days_before": 21, "followup_days_before_papers": 10},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.with_rule().get(pk=meeting.pk)
    assert meeting.papers_due == D(2026, 1, 8) and meeting.followup_due == D(2025, 12, 29)


def test_meeting_list_runs_a_fixed_number_of_queries(
    client, secretary, committee, django_assert_max_num_queries
):
    for day in range(1, 25):
        MeetingFactory(organisation=committee, date=D(2026, 1, day))
    client.force_login(secretary)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("meetings:meeting_list")).status_code == 200


def test_a_day_taken_by_a_colleague_after_the_first_check_is_a_swedish_refusal(
    secretary, meeting, monkeypatch
):
    """The race that four simultaneous POSTs hit on PostgreSQL, made certain: the colleague's meeting
    commits after the form and our first check of the day, before the model's own constraint check.
    The service must answer with its Swedish MeetingError (a form error), not a ValidationError (500)."""
    real_check, calls = services._check_day, []

    def colleague_was_quicker(candidate):
        calls.append(candidate.date)
        if len(calls) > 1:  # the first check ran before the colleague's commit
            real_check(candidate)

    monkeypatch.setattr(services, "_check_day", colleague_was_quicker)
    with pytest.raises(services.MeetingError, match="redan ett sammanträde 2026-01-29"):
        services.create_meeting(organisation=meeting.organisation, date=D(2026, 1, 29), by=secretary)
    assert Meeting.objects.count() == 1
