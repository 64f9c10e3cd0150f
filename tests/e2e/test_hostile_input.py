"""Hostile input in a real browser: nothing executes.

The context bypasses our Content-Security-Policy on purpose: the CSP would block an injected inline
script anyway, and this test must prove that escaping alone already prevents it. The `page` fixture
fails the test if any JavaScript dialog (`alert('xss-…')`) opens.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisations.models import Organisation
from tests.factories import OrganisationFactory
from tests.hostile import MARKUP

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


def test_hostile_user_names_on_the_login_page_execute_nothing(page, coordinator):
    page.goto(reverse("login"))
    for hostile in MARKUP:
        page.get_by_label("Användarnamn").fill(hostile.value)
        page.get_by_label("Lösenord").fill("fel-losenord")
        page.get_by_role("button", name="Logga in").click()
        expect(page.get_by_role("alert")).to_be_visible()
        # The value comes back in the field exactly as typed.
        expect(page.get_by_label("Användarnamn")).to_have_value(hostile.value)


def test_hostile_organisation_names_in_the_admin_execute_nothing(page, log_in_as, superuser, committee):
    log_in_as(superuser)
    # One value goes through the browser's form; the rest are stored directly (their way through the
    # form is covered by tests/test_hostile_input.py) to keep this test at a few seconds.
    through_form = [h for h in MARKUP if h.name == "attribute-breakout"]
    stored_directly = [h for h in MARKUP if h not in through_form]
    change_url = reverse("admin:organisations_organisation_change", args=[committee.pk])
    for hostile in through_form:
        page.goto(change_url)
        page.locator("#id_name").fill(hostile.value)
        page.locator("input[name=_save]").click()
        expect(page.locator("#result_list")).to_be_visible()
        assert Organisation.objects.get(pk=committee.pk).name == hostile.value
    committee.refresh_from_db()
    organisations = [committee] + [
        OrganisationFactory(name=hostile.value, parent=committee) for hostile in stored_directly
    ]
    page.goto(reverse("admin:organisations_organisation_changelist"))  # every name in one list
    for organisation in organisations:
        page.goto(reverse("admin:organisations_organisation_change", args=[organisation.pk]))
        expect(page.locator("#id_name")).to_have_value(organisation.name)


def test_hostile_values_in_the_apps_pages_execute_nothing(page, log_in_as, coordinator, committee, unit):
    """A representative subset in the browser: every markup value in a plan, a routine, a follow-up
    report and a lägesbild, one of them typed through the activity form; the pages that show them are
    opened and no dialog may appear."""
    import datetime

    from followup import services as followup_services
    from plans.models import Activity, Chapter
    from situation.models import Environment, ObservationKind
    from tests.factories import (
        ActionPlanFactory,
        ActivityFactory,
        ChapterFactory,
        ObservationFactory,
        PlanRevisionFactory,
        RoutineFactory,
        SituationPictureFactory,
    )

    values = [h.value for h in MARKUP]
    joined = "\n".join(values)
    plan = ActionPlanFactory(organisation=committee)
    draft = PlanRevisionFactory(plan=plan, year=2020)
    ChapterFactory(revision=draft, heading=values[0], body=joined, kind=Chapter.Kind.PROSE)
    chapter = ChapterFactory(revision=draft, heading=values[1], kind=Chapter.Kind.PREVENTIVE)
    activities = [
        ActivityFactory(
            chapter=chapter,
            text=v,
            purpose=v,
            responsible=v,
            partners=v,
            timing=v[:100],
            responsible_unit=unit,
        )
        for v in values
    ]
    adopted = PlanRevisionFactory(plan=plan, year=2019, adopted=True, decided_by=values[2])
    ActivityFactory(
        chapter=ChapterFactory(revision=adopted, heading=values[3]), text=values[4], responsible_unit=unit
    )
    round_ = followup_services.open_round(
        revision=adopted,
        kind="tertial2",
        period=values[5][:100],
        deadline=datetime.date(2099, 9, 15),
        by=coordinator,
    )
    for entry in round_.entries.all():
        entry.narrative = joined
        entry.save()
    routine = RoutineFactory(organisation=committee, title=values[6], body=joined, contact=joined)
    picture = SituationPictureFactory(
        organisation=committee, year=2024, made_with=values[7][:200], analysis=joined
    )
    # Reference data comes from a data migration that an earlier transactional test may have flushed.
    ObservationFactory(
        picture=picture,
        environment=Environment.objects.get_or_create(name="Våldsbejakande islamism")[0],
        kind=ObservationKind.objects.get_or_create(name="Propaganda")[0],
        area=values[0][:200],
        description=joined,
    )

    log_in_as(coordinator)
    target = next(h for h in MARKUP if h.name == "attribute-breakout")
    page.goto(reverse("plans:activity_edit", args=[activities[0].pk]))
    page.get_by_label("Aktivitet:", exact=True).fill(target.value)
    page.get_by_role("button", name="Spara aktiviteten").click()
    expect(page.get_by_text("Aktiviteten är sparad.")).to_be_visible()
    assert Activity.objects.get(pk=activities[0].pk).text == target.value

    for url in (
        draft.get_absolute_url(),
        activities[0].get_absolute_url(),
        reverse("plans:activity_history", args=[activities[0].pk]),
        reverse("plans:revision_history", args=[draft.pk]),
        reverse("plans:activity_list") + "?q=alert",
        routine.get_absolute_url(),
        reverse("followup:round_report", args=[round_.pk]),
        picture.get_absolute_url(),
    ):
        response = page.goto(url)
        assert response.status == 200, url
        expect(page.locator("h1")).to_have_count(1)
