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
