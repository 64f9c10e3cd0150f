"""The follow-up pages as each role uses them."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from followup import services
from followup.models import FollowUpRound, FollowUpStatus
from tests.factories import ActivityFactory, ChapterFactory, FollowUpRoundFactory, PlanRevisionFactory

from .conftest import entry_for

pytestmark = pytest.mark.django_db


def _status(label):
    return FollowUpStatus.objects.default_scale().get(label=label)


def _report_url(entry):
    return reverse("followup:entry_report", args=[entry.pk])


def _post_report(client, entry, label="Genomförd", narrative="Genomfört enligt plan.", version=None):
    return client.post(
        _report_url(entry),
        {
            "status": _status(label).pk,
            "narrative": narrative,
            "version": entry.version if version is None else version,
        },
    )


def test_coordinator_reports_on_any_activity(client, round_, activities, coordinator):
    client.force_login(coordinator)
    entry = entry_for(round_, activities[2])  # no responsible unit
    response = _post_report(client, entry)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status.label == "Genomförd" and entry.reported_by == coordinator


def test_staff_reports_on_own_unit_and_gets_403_on_another(client, round_, activities, staff):
    client.force_login(staff)
    own = entry_for(round_, activities[0])
    assert client.get(_report_url(own)).status_code == 200
    response = _post_report(client, own)
    assert response.status_code == 302 and response["Location"] == reverse("followup:my_entries")
    other = entry_for(round_, activities[1])
    assert client.get(_report_url(other)).status_code == 403
    assert _post_report(client, other).status_code == 403
    other.refresh_from_db()
    assert other.status is None


def test_secretary_reads_but_cannot_report(client, round_, activities, secretary):
    client.force_login(secretary)
    assert client.get(reverse("followup:round_report", args=[round_.pk])).status_code == 200
    assert client.get(reverse("followup:round_detail", args=[round_.pk])).status_code == 200
    entry = entry_for(round_, activities[0])
    assert _post_report(client, entry).status_code == 403
    assert client.post(reverse("followup:round_close", args=[round_.pk])).status_code == 403
    assert client.get(reverse("followup:round_comment", args=[round_.pk])).status_code == 403


def test_other_organisation_gets_404(client, round_, activities, other_coordinator):
    client.force_login(other_coordinator)
    entry = entry_for(round_, activities[0])
    assert client.get(_report_url(entry)).status_code == 404
    assert _post_report(client, entry).status_code == 404
    for name in ["round_detail", "round_report", "round_export", "round_close", "round_comment"]:
        assert client.get(reverse(f"followup:{name}", args=[round_.pk])).status_code == 404, name


def test_staff_cannot_see_round_pages(client, round_, staff):
    client.force_login(staff)
    assert client.get(reverse("followup:round_detail", args=[round_.pk])).status_code == 403
    assert client.get(reverse("followup:round_report", args=[round_.pk])).status_code == 403


def test_my_entries_lists_only_own_units_open_entries(client, round_, activities, staff, coordinator):
    client.force_login(staff)
    html = client.get(reverse("followup:my_entries")).content.decode()
    assert "Mötesplatser för unga" in html and "Utbildning i rutinen vid oro" in html
    assert "Föräldraträffar" not in html and "Föreläsning om våldsbejakande" not in html
    services.close_round(round=round_, by=coordinator)
    html = client.get(reverse("followup:my_entries")).content.decode()
    assert "Mötesplatser för unga" not in html


def test_menu_shows_reporting_entry_to_staff_and_followup_to_coordinator(client, staff, coordinator):
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert "Min återrapportering" in html and ">Uppföljning</a>" not in html
    assert client.get(reverse("followup:round_list")).status_code == 302
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    assert ">Uppföljning</a>" in html and reverse("followup:overview") in html


def test_open_round_form_only_accepts_adopted_revisions(client, revision, activities, coordinator, committee):
    client.force_login(coordinator)
    draft = PlanRevisionFactory(plan=revision.plan, year=2020)
    ActivityFactory(chapter=ChapterFactory(revision=draft))
    data = {"kind": "tertial1", "period": "Januari–april 2020", "deadline": "2020-05-15"}
    response = client.post(reverse("followup:round_open"), {**data, "revision": draft.pk})
    assert response.status_code == 400
    assert not FollowUpRound.objects.exists()
    response = client.post(reverse("followup:round_open"), {**data, "revision": revision.pk})
    round_ = FollowUpRound.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    assert round_.entries.count() == len(activities)


def test_open_round_form_is_for_the_samordnare(client, revision, secretary, staff):
    for user in (secretary, staff):
        client.force_login(user)
        assert client.get(reverse("followup:round_open")).status_code == 403


def test_progress_page_counts_per_unit_and_marks_missing_and_overdue(client, round_, activities, coordinator):
    services.report(
        entry=entry_for(round_, activities[0]),
        status=_status("Genomförd"),
        narrative="Klart",
        version=1,
        by=coordinator,
    )
    client.force_login(coordinator)
    url = reverse("followup:round_detail", args=[round_.pk])
    html = client.get(url).content.decode()
    assert "1 av 4" in html
    assert "Fritidsenheten" in html and "1 av 2" in html  # the unit's own count
    assert "Ej rapporterad" in html and "Försenad – ej rapporterad" not in html
    round_.deadline = datetime.date(2020, 1, 1)
    round_.save()
    html = client.get(url).content.decode()
    assert "Försenad – ej rapporterad" in html
    assert html.count("Försenad – ej rapporterad") == 3
    assert "3 försenade" in html


def test_report_page_groups_by_responsible_and_summarises(client, round_, activities, coordinator):
    services.report(
        entry=entry_for(round_, activities[0]),
        status=_status("Uppnått"),
        narrative="Mötesplatserna har haft fler besökare.",
        version=1,
        by=coordinator,
    )
    services.report(
        entry=entry_for(round_, activities[3]),
        status=_status("Uppnått"),
        narrative="Alla har gått utbildningen.",
        version=1,
        by=coordinator,
    )
    services.update_comment(round=round_, comment="Arbetet går enligt plan.", version=1, by=coordinator)
    client.force_login(coordinator)
    response = client.get(reverse("followup:round_report", args=[round_.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for column in [
        '<th scope="col">Aktivitet</th>',
        '<th scope="col">Mål</th>',
        '<th scope="col">Uppföljning</th>',
    ]:
        assert column in html
    # Groups: the responsible units in the tree's order (not by free text); no unit comes last.
    assert '<h2 id="verksamhet-' in html
    headings = ["Fritidsenheten", "Avdelningen för förskola", "Ansvarig enhet saknas"]
    positions = [html.index(f">{heading}</h2>") for heading in headings]
    assert positions == sorted(positions)
    assert "Mötesplatserna har haft fler besökare." in html
    assert "Arbetet går enligt plan." in html
    summary = html[html.index("summary-title") : html.index("comment-title")]
    assert "Uppnått</span></th><td>2</td>" in summary
    assert "Ej rapporterad</span></th><td>2</td>" in summary
    assert "Totalt</th><td>4</td>" in summary
    # Status shown as symbol and text, never colour alone.
    assert (
        'class="fu-status fu-status--ok"><span class="fu-status__symbol" aria-hidden="true">✓</span> Uppnått'
        in html
    )


def test_close_needs_confirmation_and_freezes_views(client, round_, activities, coordinator, staff):
    client.force_login(coordinator)
    url = reverse("followup:round_close", args=[round_.pk])
    response = client.get(url)
    assert (
        response.status_code == 200 and "4 aktiviteter saknar återrapportering" in response.content.decode()
    )
    round_.refresh_from_db()
    assert not round_.is_closed
    assert client.post(url).status_code == 302
    round_.refresh_from_db()
    assert round_.is_closed
    entry = entry_for(round_, activities[0])
    response = _post_report(client, entry)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status is None
    response = client.post(
        reverse("followup:round_comment", args=[round_.pk]), {"comment": "Sent", "version": round_.version}
    )
    round_.refresh_from_db()
    assert round_.overall_comment == ""
    html = client.get(round_.get_absolute_url()).content.decode()
    assert "Uppföljningen är stängd" in html and "Stäng uppföljningen" not in html
    client.force_login(staff)
    _post_report(client, entry)
    entry.refresh_from_db()
    assert entry.status is None


def test_conflict_between_two_clients(round_, activities, coordinator, staff):
    entry = entry_for(round_, activities[0])
    first, second = Client(), Client()
    first.force_login(staff)
    second.force_login(coordinator)
    assert 'name="version" value="1"' in first.get(_report_url(entry)).content.decode()
    assert 'name="version" value="1"' in second.get(_report_url(entry)).content.decode()
    assert _post_report(first, entry, "Genomförd", "Medarbetarens text", version=1).status_code == 302
    response = _post_report(second, entry, "Ej påbörjad", "Samordnarens text", version=1)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Medarbetarens text" in html and "Samordnarens text" in html
    assert 'name="version" value="2"' in html  # a deliberate second save may replace it
    entry.refresh_from_db()
    assert entry.narrative == "Medarbetarens text"
    assert _post_report(second, entry, "Ej påbörjad", "Samordnarens text", version=2).status_code == 302
    entry.refresh_from_db()
    assert entry.narrative == "Samordnarens text"


def test_round_list_is_paginated_with_fixed_queries(
    client, coordinator, committee, django_assert_max_num_queries
):
    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    for n in range(30):
        FollowUpRoundFactory(revision=revision, period=f"Period {n}")
    client.force_login(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("followup:round_list"))
    assert "Sida 1 av 2" in response.content.decode()
    assert client.get(reverse("followup:round_list") + "?page=2").status_code == 200


def test_comment_is_saved_and_shown_in_report(client, round_, coordinator):
    client.force_login(coordinator)
    url = reverse("followup:round_comment", args=[round_.pk])
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, {"comment": "Sammantaget gott arbete.", "version": 1}).status_code == 302
    assert client.post(url, {"comment": "Skriver över", "version": 1}).status_code == 409
    html = client.get(reverse("followup:round_report", args=[round_.pk])).content.decode()
    assert "Sammantaget gott arbete." in html and "Skriver över" not in html


def test_only_the_most_specific_menu_entry_is_current(client, coordinator):
    client.force_login(coordinator)
    html = client.get(reverse("followup:my_entries")).content.decode()
    assert html.count('aria-current="page"') == 1
    assert f'href="{reverse("followup:my_entries")}" aria-current="page"' in html
