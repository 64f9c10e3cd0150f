"""Editing a lägesbild: the conflict rule, freezing when fastställd, and starting the next year."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from situation import services
from situation.models import Observation, SituationPicture, Source
from tests.factories import (
    ObservationFactory,
    SituationPictureFactory,
    SourceFactory,
    environment,
    observation_kind,
)

from .helpers import observation_post, picture_post, source_post, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(committee):
    picture = SituationPictureFactory(organisation=committee, year=2019)
    SourceFactory(picture=picture, description="Enkät till medarbetare, mars.")
    ObservationFactory(picture=picture, count=4)
    return picture


def test_coordinator_edits_chapters_and_history_records_who(client, coordinator, picture):
    client.force_login(coordinator)
    response = client.post(
        url("picture_edit", picture.pk),
        picture_post(
            picture, outlook="NCT bedömer hotet som förhöjt.", threat_level=3, threat_level_source="NCT"
        ),
    )
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.outlook == "NCT bedömer hotet som förhöjt." and picture.threat_level == 3
    assert picture.version == 2
    latest = picture.history.first()
    assert latest.history_user == coordinator and latest.history_change_reason == "Lägesbilden ändrades"
    html = client.get(url("picture_detail", picture.pk)).content.decode()
    assert "Hotnivå 3 på en femgradig skala (NCT)" in html


def test_threat_level_outside_one_to_five_is_refused(client, coordinator, picture):
    client.force_login(coordinator)
    response = client.post(url("picture_edit", picture.pk), picture_post(picture, threat_level=6))
    assert response.status_code == 400
    picture.refresh_from_db()
    assert picture.threat_level is None


def test_second_save_from_the_same_version_is_refused_and_shows_the_other_change(
    client, coordinator, committee, picture
):
    from tests.factories import member

    colleague = member("samordnare", committee, username="kollega", first_name="Vera", last_name="Ek")
    other = client.__class__()
    client.force_login(coordinator)
    other.force_login(colleague)
    form_a = picture_post(picture)  # both open the form at version 1
    form_b = picture_post(picture)
    first = other.post(url("picture_edit", picture.pk), {**form_b, "analysis": "Kollegans nya analys."})
    assert first.status_code == 302
    second = client.post(url("picture_edit", picture.pk), {**form_a, "analysis": "Min analys."})
    html = second.content.decode()
    assert second.status_code == 409
    assert "Lägesbilden har ändrats av Vera Ek medan du redigerade" in html
    assert "Kollegans nya analys." in html  # shown as what the other person saved
    assert "Min analys." in html  # the user's own text stays in the form
    picture.refresh_from_db()
    assert picture.analysis == "Kollegans nya analys." and picture.version == 2


def test_conflict_on_source_and_observation(coordinator, picture):
    source, observation = picture.sources.get(), picture.observations.get()
    services.update_source(source=source, changes={"responses": 50}, version=1, by=coordinator)
    with pytest.raises(services.EditConflict) as caught:
        services.update_source(source=source, changes={"responses": 10}, version=1, by=coordinator)
    assert [(c.label, c.old, c.new) for c in caught.value.changes] == [("Antal svar", "42", "50")]
    services.update_observation(observation=observation, changes={"count": None}, version=1, by=coordinator)
    with pytest.raises(services.EditConflict) as caught:
        services.update_observation(observation=observation, changes={"count": 9}, version=1, by=coordinator)
    assert [(c.label, c.new) for c in caught.value.changes] == [("Antal", "")]
    source.refresh_from_db()
    observation.refresh_from_db()
    assert source.responses == 50 and observation.count is None


def test_coordinator_adds_edits_and_deletes_sources_and_observations(client, coordinator, picture):
    client.force_login(coordinator)
    assert (
        client.post(url("source_create", picture.pk), source_post(description="Polisens rapport")).status_code
        == 302
    )
    source = picture.sources.get(description="Polisens rapport")
    assert client.post(url("source_edit", source.pk), source_post(source, responses="7")).status_code == 302
    source.refresh_from_db()
    assert source.responses == 7 and source.version == 2
    assert client.post(url("source_delete", source.pk), {"version": source.version}).status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()

    data = observation_post(
        environment=environment("Våldsbejakande islamism"), kind=observation_kind(), count=""
    )
    assert client.post(url("observation_create", picture.pk), data).status_code == 302
    new = picture.observations.get(environment__name="Våldsbejakande islamism")
    assert new.count is None
    assert "ej räknat" in client.get(url("picture_detail", picture.pk)).content.decode()
    assert client.post(url("observation_delete", new.pk), {"version": new.version}).status_code == 302
    assert picture.observations.count() == 1


def test_inactive_environment_cannot_be_chosen(client, coordinator, picture):
    env = environment("Ensamagerande")
    env.active = False
    env.save()
    client.force_login(coordinator)
    data = observation_post(environment=env, kind=observation_kind())
    assert client.post(url("observation_create", picture.pk), data).status_code == 400


# --- freezing ---------------------------------------------------------------------------------------


def test_establish_freezes_every_edit_path_in_views(client, coordinator, picture):
    client.force_login(coordinator)
    assert client.post(url("picture_establish", picture.pk)).status_code == 302
    picture.refresh_from_db()
    assert picture.is_frozen and picture.established_by == coordinator
    source, observation = picture.sources.get(), picture.observations.get()
    posts = [
        (url("picture_edit", picture.pk), picture_post(picture, analysis="Ändrad i efterhand")),
        (url("picture_establish", picture.pk), {}),
        (url("source_create", picture.pk), source_post(description="Ny källa")),
        (url("source_edit", source.pk), source_post(source, description="Ändrad källa")),
        (url("source_delete", source.pk), {}),
        (
            url("observation_create", picture.pk),
            observation_post(environment=environment(), kind=observation_kind()),
        ),
        (url("observation_edit", observation.pk), observation_post(observation, count="99")),
        (url("observation_delete", observation.pk), {}),
    ]
    for address, data in posts:
        assert client.get(address).status_code == 403, address
        assert client.post(address, data).status_code == 403, address
    html = client.get(url("picture_detail", picture.pk)).content.decode()
    assert "Fastställd" in html and "Redigera text" not in html and "Lägg till iakttagelse" not in html
    picture.refresh_from_db()
    assert picture.analysis != "Ändrad i efterhand"
    assert picture.sources.count() == 1 and picture.observations.get().count == 4


def test_establish_freezes_every_service(coordinator, picture):
    picture = services.establish_picture(picture=picture, by=coordinator)
    source, observation = picture.sources.get(), picture.observations.get()
    attempts = [
        lambda: services.update_picture(
            picture=picture, changes={"analysis": "x"}, version=2, by=coordinator
        ),
        lambda: services.establish_picture(picture=picture, by=coordinator),
        lambda: services.add_source(picture=picture, kind="annat", description="x", by=coordinator),
        lambda: services.update_source(
            source=source, changes={"description": "x"}, version=1, by=coordinator
        ),
        lambda: services.delete_source(source=source, version=source.version, by=coordinator),
        lambda: services.add_observation(
            picture=picture, environment=environment(), kind=observation_kind(), by=coordinator
        ),
        lambda: services.update_observation(
            observation=observation, changes={"count": 1}, version=1, by=coordinator
        ),
        lambda: services.delete_observation(
            observation=observation, version=observation.version, by=coordinator
        ),
    ]
    for attempt in attempts:
        with pytest.raises(services.PictureFrozen, match="fastställd"):
            attempt()
    assert (
        Source.objects.filter(pk=source.pk).exists()
        and Observation.objects.filter(pk=observation.pk).exists()
    )


def test_services_check_permission_too(secretary, picture):
    with pytest.raises(PermissionDenied):
        services.update_picture(picture=picture, changes={"analysis": "x"}, version=1, by=secretary)
    with pytest.raises(PermissionDenied):
        services.establish_picture(picture=picture, by=secretary)


def test_admin_shows_a_fastställd_picture_read_only(client, superuser, picture, coordinator):
    services.establish_picture(picture=picture, by=coordinator)
    client.force_login(superuser)
    change_url = reverse("admin:situation_situationpicture_change", args=[picture.pk])
    html = client.get(change_url).content.decode()
    assert 'name="_save"' not in html
    response = client.post(change_url, {"made_with": "Ändrad i admin", "year": 2019})
    assert response.status_code == 403
    for model, obj in (("source", picture.sources.get()), ("observation", picture.observations.get())):
        page = client.get(reverse(f"admin:situation_{model}_change", args=[obj.pk])).content.decode()
        assert 'name="_save"' not in page
        assert (
            client.post(
                reverse(f"admin:situation_{model}_delete", args=[obj.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
    draft = SituationPictureFactory(organisation=picture.organisation, year=2020)
    add_form = client.get(reverse("admin:situation_source_add")).content.decode()
    assert f'<option value="{draft.pk}"' in add_form
    assert f'<option value="{picture.pk}"' not in add_form  # sources cannot be added to it either
    picture.refresh_from_db()
    assert picture.made_with == "Lokalpolisen" and picture.sources.count() == 1


def test_admin_edits_a_draft_and_reference_data(client, superuser, picture):
    client.force_login(superuser)
    html = client.get(reverse("admin:situation_situationpicture_change", args=[picture.pk])).content.decode()
    assert 'name="_save"' in html
    assert client.get(reverse("admin:situation_environment_changelist")).status_code == 200
    assert (
        client.get(
            reverse("admin:situation_observationkind_history", args=[observation_kind().pk])
        ).status_code
        == 200
    )


# --- next year --------------------------------------------------------------------------------------


def test_next_year_copies_text_and_sources_but_not_observations(client, coordinator, picture):
    services.update_picture(
        picture=picture, changes={"analysis": "Analys 2019", "threat_level": 3}, version=1, by=coordinator
    )
    services.establish_picture(picture=picture, by=coordinator)
    client.force_login(coordinator)
    response = client.post(url("picture_next_year", picture.pk))
    copy = SituationPicture.objects.get(organisation=picture.organisation, year=2020)
    assert response["Location"] == copy.get_absolute_url()
    assert copy.status == SituationPicture.Status.DRAFT and copy.copied_from == picture
    assert copy.analysis == "Analys 2019" and copy.threat_level == 3
    assert list(copy.sources.values_list("description", flat=True)) == ["Enkät till medarbetare, mars."]
    assert not copy.observations.exists()
    assert picture.sources.count() == 1 and picture.observations.count() == 1  # the original is untouched
    again = client.post(url("picture_next_year", picture.pk), follow=True)
    assert "Det finns redan en lägesbild för 2020." in again.content.decode()


def test_next_year_needs_a_fastställd_picture(client, coordinator, picture):
    client.force_login(coordinator)
    response = client.post(url("picture_next_year", picture.pk), follow=True)
    assert "måste vara fastställd" in response.content.decode()
    assert SituationPicture.objects.count() == 1


def test_create_picture_only_in_own_organisation(client, coordinator, committee, other_committee):
    client.force_login(coordinator)
    refused = client.post(url("picture_create"), {"organisation": other_committee.pk, "year": 2021})
    assert refused.status_code == 400
    created = client.post(
        url("picture_create"), {"organisation": committee.pk, "year": 2021, "made_with": "Polisen"}
    )
    assert created.status_code == 302
    assert SituationPicture.objects.get(year=2021).organisation == committee
    duplicate = client.post(url("picture_create"), {"organisation": committee.pk, "year": 2021})
    assert duplicate.status_code == 400
