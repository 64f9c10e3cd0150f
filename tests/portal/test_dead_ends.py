"""Pages that used to be dead ends: each offers a way on."""

from django.urls import reverse

from organisations.models import Membership
from tests.factories import member


def test_admin_refusal_leads_back_to_the_portal(client, committee):
    staff = member(Membership.Role.STAFF, committee, username="ingen-admin")
    client.force_login(staff)
    response = client.get(reverse("admin:index"), follow=True)
    html = response.content.decode()
    assert "Administrationen är bara för administratörer." in html
    assert f'href="{reverse("home")}"' in html


def test_the_documents_card_on_the_start_page_links_to_the_documents(client, committee):
    secretary = member(Membership.Role.SECRETARY, committee, username="sekr")
    client.force_login(secretary)
    html = client.get(reverse("home")).content.decode()
    card = html.split("Hämta nämndhandlingar", 1)[1].split("</li>", 1)[0]
    assert f'href="{reverse("plans:plan_list")}"' in card
    assert f'href="{reverse("followup:round_list")}"' in card


def test_over_long_input_is_a_form_error_not_cut_by_the_browser(client, committee):
    """No maxlength in the HTML (a browser cuts a paste silently); the server names the limit."""
    coordinator = member(Membership.Role.COORDINATOR, committee, username="samo")
    client.force_login(coordinator)
    html = client.get(reverse("plans:routine_create")).content.decode()
    assert 'name="title"' in html and "maxlength" not in html
    response = client.post(
        reverse("plans:routine_create"),
        {"organisation": committee.pk, "kind": "vid_oro", "title": "x" * 201, "body": "Text."},
    )
    assert response.status_code == 400
    assert "som mest 200 tecken" in response.content.decode()


def test_favicon_ico_answers(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("img/favicon.svg")


def test_a_revision_is_named_by_its_organisations_full_name_in_menus(committee):
    from tests.factories import PlanRevisionFactory

    revision = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    assert str(revision) == "Norra stadsdelsnämnden 2019 (antagen)"
