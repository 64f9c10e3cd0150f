"""The staff catalogue /aktiviteter/: visibility, Swedish search on both databases, filters, pages."""

import pytest
from django.urls import reverse

from plans.models import Chapter
from tests.factories import (
    ActivityFactory,
    ChapterFactory,
    OrganisationFactory,
    PlanRevisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("plans:activity_list")


@pytest.fixture
def adopted(committee):
    return PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)


@pytest.fixture
def preventive(adopted):
    return ChapterFactory(revision=adopted, heading="Förebyggande arbete", kind=Chapter.Kind.PREVENTIVE)


def rows(response):
    return list(response.context["activities"])


def test_staff_sees_only_adopted_activities_of_own_tree(
    client, staff, committee, other_committee, preventive
):
    shown = ActivityFactory(chapter=preventive, text="Föräldrastöd i form av föräldrarådgivare")
    draft = PlanRevisionFactory(plan=preventive.revision.plan, year=2020)
    ActivityFactory(chapter=ChapterFactory(revision=draft), text="Utkastets aktivitet")
    foreign = PlanRevisionFactory(plan__organisation=other_committee, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=foreign), text="Grannens aktivitet")
    client.force_login(staff)
    response = client.get(URL)
    assert response.status_code == 200
    assert rows(response) == [shown]
    html = response.content.decode()
    assert "Utkastets aktivitet" not in html and "Grannens aktivitet" not in html
    assert reverse("plans:activity_detail", args=[shown.pk]) in html
    assert "1 aktivitet" in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("FÖRÄLDRASTÖD", "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser"),
        ("föräldrastöd", "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser"),
        ("våld", "Informera om Våldsbejakande extremism på fritidsgårdar"),
        ("VÅLDSBEJAKANDE", "Informera om Våldsbejakande extremism på fritidsgårdar"),
        ("Återvändare", "Implementera vägledningen för ÅTERVÄNDARE från krigsdrabbade områden"),
        ("ÖVERSYN lokaluthyrning", "Översyn av rutiner för lokaluthyrning"),
    ],
)
def test_search_finds_swedish_words_in_any_case(client, staff, preventive, query, found):
    texts = [
        "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser",
        "Informera om Våldsbejakande extremism på fritidsgårdar",
        "Implementera vägledningen för ÅTERVÄNDARE från krigsdrabbade områden",
        "Översyn av rutiner för lokaluthyrning",
        "Erbjuda feriearbete till ungdomar",
    ]
    for text in texts:
        ActivityFactory(chapter=preventive, text=text, purpose="", responsible="", partners="")
    client.force_login(staff)
    response = client.get(URL, {"q": query})
    assert [a.text for a in rows(response)] == [found]


def test_search_looks_in_purpose_and_partners_and_survives_operators(client, staff, preventive):
    ActivityFactory(chapter=preventive, text="Samverkansforum", purpose="Stärka tilliten", partners="Polis")
    client.force_login(staff)
    assert len(rows(client.get(URL, {"q": "TILLITEN"}))) == 1
    assert len(rows(client.get(URL, {"q": "polis"}))) == 1
    response = client.get(URL, {"q": "polis & !( :* |"})
    assert response.status_code == 200
    assert len(rows(response)) == 1


def test_empty_result_says_so_and_offers_to_clear(client, staff, preventive):
    ActivityFactory(chapter=preventive)
    client.force_login(staff)
    html = client.get(URL, {"q": "finnsinte"}).content.decode()
    assert "Inga aktiviteter hittades" in html
    assert "0 aktiviteter" in html


def test_filters_by_kind_responsible_partner_year_and_organisation(
    client, central, committee, other_committee
):
    rev_2019 = PlanRevisionFactory(plan__organisation=committee, year=2019, adopted=True)
    training = ChapterFactory(revision=rev_2019, kind=Chapter.Kind.TRAINING, heading="Kompetenshöjande")
    preventive = ChapterFactory(revision=rev_2019, kind=Chapter.Kind.PREVENTIVE)
    a_training = ActivityFactory(chapter=training, responsible="Förvaltningsledning", partners="Skolan")
    a_social = ActivityFactory(chapter=preventive, responsible="Socialtjänsten", partners="Polis, Föreningar")
    other = PlanRevisionFactory(plan__organisation=other_committee, year=2021, adopted=True)
    a_other = ActivityFactory(chapter=ChapterFactory(revision=other), responsible="Enhetschefer")
    client.force_login(central)

    def found(**params):
        return set(rows(client.get(URL, params)))

    assert found() == {a_training, a_social, a_other}
    assert found(kind="kompetenshojande") == {a_training}
    assert found(responsible="SOCIALTJÄNST") == {a_social}
    assert found(partners="föreningar") == {a_social}
    assert found(year="2021") == {a_other}
    assert found(organisation=str(committee.pk)) == {a_training, a_social}
    assert found(organisation=str(committee.pk), kind="forebyggande") == {a_social}


def test_filter_form_offers_only_visible_organisations_and_works_without_javascript(
    client, staff, committee, other_committee, preventive
):
    # Organisations with adopted activities are offered: the staff member's own, not the other committee.
    ActivityFactory(chapter=preventive)
    theirs = PlanRevisionFactory(plan__organisation=other_committee, adopted=True)
    ActivityFactory(chapter=ChapterFactory(revision=theirs))
    client.force_login(staff)
    html = client.get(URL).content.decode()
    assert '<form method="get"' in html
    assert '<label for="id_q">Sök' in html and '<label for="id_kind">Typ av arbete' in html
    assert committee.name in html
    assert other_committee.name not in html


def test_pagination_keeps_filters(client, staff, preventive):
    for _ in range(30):
        ActivityFactory(chapter=preventive, text="Föräldrastöd")
    client.force_login(staff)
    first = client.get(URL, {"q": "föräldrastöd"})
    assert len(rows(first)) == 25
    assert "?q=f%C3%B6r%C3%A4ldrast%C3%B6d&amp;page=2" in first.content.decode()
    second = client.get(URL, {"q": "föräldrastöd", "page": 2})
    assert len(rows(second)) == 5
    assert "30 aktiviteter" in second.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_query_count_does_not_grow_with_the_number_of_activities(
    client, staff, preventive, count, django_assert_max_num_queries
):
    unit_org = staff.memberships.first().organisation
    ActivityFactory.create_batch(count, chapter=preventive, responsible_unit=unit_org)
    client.force_login(staff)
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "föräldrastöd", "kind": "forebyggande"})
    assert len(rows(response)) == min(count, 25)


def test_anonymous_is_sent_to_login_and_user_without_role_is_refused(client, db):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(username="utan-roll"))
    assert client.get(URL).status_code == 403


def test_menu_shows_activities_and_routines_to_readers(client, staff):
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert f'href="{URL}"' in html
    assert f'href="{reverse("plans:routine_list")}"' in html


def test_rows_written_in_bulk_or_edited_later_are_searchable(preventive):
    from simple_history.utils import bulk_create_with_history

    from plans import search
    from plans.models import Activity

    bulk_create_with_history([Activity(chapter=preventive, text="Läxhjälp på biblioteket")], Activity)
    edited = ActivityFactory(chapter=preventive, text="Gammal text")
    edited.text = "Öppen förskola för nyanlända"
    edited.save()

    def found(query):
        return [a.text for a in search.search_activities(Activity.objects.all(), query)]

    assert found("LÄXHJÄLP") == ["Läxhjälp på biblioteket"]
    assert found("förskola") == ["Öppen förskola för nyanlända"]
    assert found("gammal") == []


def test_the_table_escapes_text_links_each_row_and_cuts_long_text(client, staff, committee, preventive):
    long_text = " ".join(["<b>Föräldraträff</b>"] + [f"ord{n}" for n in range(40)])
    activity = ActivityFactory(
        chapter=preventive, text=long_text, responsible="", partners="Polis & <i>skola</i>", timing=""
    )
    client.force_login(staff)
    html = client.get(URL).content.decode()
    row = html.split("<tbody>")[1].split("</tbody>")[0]
    assert f'<a href="/aktiviteter/{activity.pk}/">&lt;b&gt;Föräldraträff&lt;/b&gt; ord0' in row
    assert "ord28 …</a>" in row and "ord29" not in row  # 30 words, as the page always cut them
    assert "Polis &amp; &lt;i&gt;skola&lt;/i&gt;" in row and "<i>" not in row and "<b>" not in row
    assert '<td data-label="Ansvarig">–</td>' in row and '<td data-label="Tidplan">–</td>' in row
    assert f'<td data-label="Organisation">{committee.name}</td>' in row


def test_the_filter_options_are_escaped_and_keep_the_choice(client, central, municipality):
    odd = OrganisationFactory(parent=municipality, name='Nämnd <"A&B">')
    ActivityFactory(
        chapter=ChapterFactory(revision=PlanRevisionFactory(plan__organisation=odd, adopted=True))
    )
    client.force_login(central)
    html = client.get(URL, {"organisation": str(odd.pk), "kind": "forebyggande"}).content.decode()
    select = html.split('<select name="organisation" id="id_organisation">')[1].split("</select>")[0]
    assert select.startswith('<option value="">Alla organisationer</option>')
    assert f'<option value="{odd.pk}" selected>Nämnd &lt;&quot;A&amp;B&quot;&gt;</option>' in select
    assert select.count("selected") == 1
    kinds = html.split('<select name="kind" id="id_kind">')[1].split("</select>")[0]
    assert '<option value="forebyggande" selected>' in kinds and kinds.count("selected") == 1
