"""One search behaviour on both databases: the same queries give the same hits on SQLite (FTS5) and on
PostgreSQL (tsvector, `simple`). The suite runs on SQLite by default and on PostgreSQL with
DATABASE_URL, so this one table of expectations is checked against both."""

import pytest
from django.db import connection
from django.urls import reverse

from plans import search
from plans.models import Activity, Routine
from tests.factories import ActivityFactory, ChapterFactory, PlanRevisionFactory, RoutineFactory

pytestmark = pytest.mark.django_db

TEXTS = {
    "föräldrastöd": "Föräldrastöd i form av föräldrarådgivare och föräldrastödskurser",
    "våld": "Informera om våldsbejakande extremism på fritidsgårdar",
    "valda": "Utbildning för förtroendevalda i nämnden",
    "social": "Samverkan med Socialtjänsten om orosanmälningar",
    "ia": "IA-systemet för avvikelser används vid incidenter",
    "valdeltagande": "Öka valdeltagandet bland unga",
    "ÅTERVÄNDARE": "Implementera vägledningen för ÅTERVÄNDARE från krigsdrabbade områden",
}

CASES = [
    ("FÖRÄLDRASTÖD", {"föräldrastöd"}),
    ("föräldrastödskurser", {"föräldrastöd"}),
    ("FÖRÄLDRA", {"föräldrastöd"}),
    ("våld", {"våld"}),
    ("VÅLDSBEJAKANDE", {"våld"}),
    ("vald", {"valdeltagande"}),  # not "våld", not "förtroendevalda"
    ("förtroendevalda", {"valda"}),
    ("IA", {"ia"}),  # a word of its own, not inside "Socialtjänsten"
    ("socialtjänst", {"social"}),
    ("tjänsten", set()),  # the middle of a word is not a word
    ("återvändare", {"ÅTERVÄNDARE"}),
    ("områden krigsdrabbade", {"ÅTERVÄNDARE"}),  # every word, in any order
    ("våld nämnden", set()),  # every word must occur
    ("polis & !( :* | OR NOT", set()),  # operators of either engine are not operators here
    ("incident*", {"ia"}),
    ("", set(TEXTS)),
]


@pytest.fixture
def activities(committee):
    chapter = ChapterFactory(revision=PlanRevisionFactory(plan__organisation=committee, adopted=True))
    return {
        key: ActivityFactory(
            chapter=chapter,
            text=text,
            purpose="",
            responsible="",
            partners="",
            timing="",
            follow_up_method="",
        )
        for key, text in TEXTS.items()
    }


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_the_same_query_finds_the_same_activities_on_either_database(activities, query, expected):
    found = search.search_activities(Activity.objects.all(), query)
    assert {a.pk for a in found} == {activities[key].pk for key in expected}, connection.vendor


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_routines_are_searched_the_same_way(committee, query, expected):
    routines = {
        key: RoutineFactory(organisation=committee, title=text, body="", contact="")
        for key, text in TEXTS.items()
    }
    found = search.search_routines(Routine.objects.all(), query)
    assert {r.pk for r in found} == {routines[key].pk for key in expected}, connection.vendor


def test_the_catalogue_page_gives_the_same_answer(client, staff, activities):
    client.force_login(staff)
    response = client.get(reverse("plans:activity_list"), {"q": "vald"})
    assert [a.pk for a in response.context["activities"]] == [activities["valdeltagande"].pk]
    assert "1 aktivitet" in response.content.decode()


def test_the_index_follows_edits_bulk_rows_and_deletions(activities, committee):
    from simple_history.utils import bulk_create_with_history

    chapter = activities["våld"].chapter
    bulk_create_with_history([Activity(chapter=chapter, text="Läxhjälp på biblioteket")], Activity)
    edited = activities["ia"]
    edited.text = "Öppen förskola för nyanlända"
    edited.save()
    activities["social"].delete()

    def found(query):
        return [a.text for a in search.search_activities(Activity.objects.all(), query)]

    assert found("LÄXHJÄLP") == ["Läxhjälp på biblioteket"]
    assert found("förskola") == ["Öppen förskola för nyanlända"]
    assert found("incidenter") == []
    assert found("socialtjänsten") == []
