import pytest
from django.urls import reverse

from documents.models import StoredDocument
from public import accessibility
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    ActivityFollowUpFactory,
    ChapterFactory,
    FollowUpRoundFactory,
    PlanRevisionFactory,
    RoutineFactory,
    SituationPictureFactory,
)


@pytest.fixture
def published(committee, coordinator):
    committee.publishes_publicly = True
    committee.save()
    plan = ActionPlanFactory(organisation=committee, title="Handlingsplan mot VBE")
    adopted = PlanRevisionFactory(plan=plan, year=2025, adopted=True)
    activity = ActivityFactory(chapter=ChapterFactory(revision=adopted), text="Antagen: föräldraträffar")
    draft = PlanRevisionFactory(plan=plan, year=2026)
    ActivityFactory(chapter=ChapterFactory(revision=draft), text="UTKASTTEXT-hemlig")
    SituationPictureFactory(organisation=committee, year=2025, analysis="LAGESBILDTEXT-hemlig")
    entry = ActivityFollowUpFactory(round=FollowUpRoundFactory(revision=adopted), activity=activity)
    entry.narrative = "UPPFOLJNINGSTEXT-hemlig"
    entry.reported_by = coordinator
    entry.save()
    RoutineFactory(
        organisation=committee, title="Rutin vid oro", body="Ring samordnaren.", contact="Anna Exempelsson"
    )
    return adopted, draft


def test_anonymous_sees_only_adopted_material(client, published, committee, coordinator):
    adopted, draft = published
    pages = [
        client.get(reverse("public:organisation", args=[committee.pk])),
        client.get(reverse("public:revision", args=[committee.pk, adopted.pk])),
    ]
    assert all(page.status_code == 200 for page in pages)
    html = "".join(page.content.decode() for page in pages)
    assert "Antagen: föräldraträffar" in html and "Ring samordnaren." in html
    for secret in (
        "UTKASTTEXT",
        "LAGESBILDTEXT",
        "UPPFOLJNINGSTEXT",
        "Anna Exempelsson",
        coordinator.last_name,
    ):
        assert secret not in html
    assert reverse("public:revision", args=[committee.pk, draft.pk]) not in html


def test_drafts_and_organisations_that_did_not_opt_in_are_404(client, published, committee, other_committee):
    adopted, draft = published
    assert client.get(reverse("public:revision", args=[committee.pk, draft.pk])).status_code == 404
    assert client.get(reverse("public:revision_pdf", args=[committee.pk, draft.pk])).status_code == 404
    assert client.get(reverse("public:organisation", args=[other_committee.pk])).status_code == 404
    # another organisation's adopted revision under an opted-in organisation's address
    foreign = PlanRevisionFactory(
        plan=ActionPlanFactory(organisation=other_committee), year=2025, adopted=True
    )
    assert client.get(reverse("public:revision", args=[committee.pk, foreign.pk])).status_code == 404
    committee.publishes_publicly = False
    committee.save()
    assert client.get(reverse("public:organisation", args=[committee.pk])).status_code == 404


def test_the_pdf_is_the_stored_public_version(client, published, committee):
    adopted, _ = published
    response = client.get(reverse("public:revision_pdf", args=[committee.pk, adopted.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    stored = StoredDocument.objects.get(key=f"plans.PlanRevision:{adopted.pk}:publik")
    assert response.content == bytes(stored.content)
    # Its own document, not the nämnd's: that one names the routine's contact person.
    internal = StoredDocument.objects.get(key=f"plans.PlanRevision:{adopted.pk}:plan")
    assert bytes(internal.content) != response.content
    assert (
        client.get(reverse("public:revision_pdf", args=[committee.pk, adopted.pk])).content
        == response.content
    )


def test_accessibility_statement_has_what_digg_requires(client, db):
    html = client.get(reverse("public:accessibility")).content.decode()
    for part in (
        "helt förenlig",
        "WCAG 2.1 nivå AA",
        "Kända brister",
        "Hur vi testat",
        "Rapportera brister",
        accessibility.ASSESSED_ON.isoformat(),
        "mailto:",
        "DIGG",
    ):
        assert part in html
    assert "Vi känner inte till några brister" in html  # KNOWN_PROBLEMS is empty, kept so by the axe suite


def test_every_public_url_is_in_the_matrix_as_open_to_anonymous():
    from tests.routes import all_routes
    from tests.test_authorization_matrix import MATRIX, OK, ROLES

    public = [route.name for route in all_routes() if route.route.startswith("publikt/")]
    assert {"public:organisation", "public:revision", "public:revision_pdf", "public:accessibility"} <= set(
        public
    )
    anonymous = ROLES.index("anonymous")
    assert {name: MATRIX[name][anonymous] for name in public} == dict.fromkeys(public, OK)
