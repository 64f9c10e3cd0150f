"""Races on PostgreSQL: two people press "Registrera beslut" at once, or an edit lands during an adoption.

Each side runs in its own thread with its own database connection (`transactional_db`: the data is
committed, so the other connection sees it). The services lock the revision row with
`select_for_update()`; exactly one adoption wins, the other gets the Swedish `RevisionFrozen`
message, and the history never shows a change to an activity after the adoption of its revision.

SQLite has no row locks (a writer locks the whole file), so these tests run on PostgreSQL only.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from plans import services
from plans.models import Activity, PlanRevision

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) are PostgreSQL's; SQLite serialises writers on the whole file",
)

DECISION = {"decided_on": datetime.date(2020, 5, 23), "diary_number": "1.2.3-456/2020"}


def _run_in_thread(call, results, key, start=None):
    def target():
        try:
            if start is not None:
                start()
            results[key] = ("ok", call())
        except services.PlanError as error:
            results[key] = ("refused", error)
        except Exception as error:  # noqa: BLE001 - reported by the test, not swallowed
            results[key] = ("error", error)
        finally:
            connection.close()

    thread = threading.Thread(target=target, name=f"race-{key}")
    thread.start()
    return thread


def _at_once(**calls):
    """Run each call in its own thread, released together by a barrier; {name: (outcome, value)}."""
    barrier = threading.Barrier(len(calls))
    results = {}
    threads = [
        _run_in_thread(call, results, key, lambda: barrier.wait(timeout=10)) for key, call in calls.items()
    ]
    for thread in threads:
        thread.join(timeout=30)
        assert not thread.is_alive(), "a thread hung: a deadlock?"
    return results


def _adopt(revision, user, paragraph):
    return lambda: services.adopt_revision(
        revision=revision, decided_by="Norra stadsdelsnämnden", paragraph=paragraph, by=user, **DECISION
    )


def _edit(activity, user, text):
    return lambda: services.update_activity(activity=activity, version=activity.version, text=text, by=user)


def _waiting_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def _adoption_records(revision):
    return PlanRevision.history.filter(id=revision.pk, status=PlanRevision.Status.ADOPTED).order_by(
        "history_date"
    )


def _assert_no_activity_change_after_adoption(revision):
    adopted_at = _adoption_records(revision).get().history_date
    late = Activity.history.filter(chapter__revision=revision, history_date__gt=adopted_at)
    assert not late.exists(), f"an activity changed after the adoption: {list(late.values('id', 'text'))}"


def test_two_adoptions_at_once_exactly_one_wins(transactional_db, draft, secretary, coordinator):
    results = _at_once(first=_adopt(draft, secretary, "12"), second=_adopt(draft, coordinator, "13"))

    outcomes = sorted(outcome for outcome, _ in results.values())
    assert outcomes == ["ok", "refused"], results
    (winner,) = [key for key, (outcome, _) in results.items() if outcome == "ok"]
    (loser,) = [value for outcome, value in results.values() if outcome == "refused"]
    assert isinstance(loser, services.RevisionFrozen)
    assert "Revideringen 2020 är antagen och kan inte ändras" in loser.message
    # One adoption in the history, and it is the winner's decision.
    draft.refresh_from_db()
    assert draft.status == PlanRevision.Status.ADOPTED
    assert draft.paragraph == {"first": "12", "second": "13"}[winner]
    assert _adoption_records(draft).count() == 1
    assert draft.version == 2


def test_an_edit_racing_an_adoption_is_serialised(transactional_db, draft, secretary, coordinator):
    activity = Activity.objects.filter(chapter__revision=draft).first()
    results = _at_once(
        adopt=_adopt(draft, secretary, "12"), edit=_edit(activity, coordinator, "Ändrad i sista stund")
    )

    assert results["adopt"][0] == "ok", results
    activity.refresh_from_db()
    if results["edit"][0] == "ok":
        # The edit got the lock first: it is part of what was adopted, recorded before the adoption.
        assert activity.text == "Ändrad i sista stund"
    else:
        assert results["edit"][0] == "refused", results
        assert isinstance(results["edit"][1], services.RevisionFrozen)
        assert activity.text != "Ändrad i sista stund" and activity.version == 1
    assert _adoption_records(draft).count() == 1
    _assert_no_activity_change_after_adoption(draft)


def test_an_edit_waiting_on_an_adoption_gets_the_frozen_message(
    transactional_db, draft, secretary, coordinator
):
    """Deterministic: the adoption holds the revision row until the edit is seen waiting for it."""
    activity = Activity.objects.filter(chapter__revision=draft).first()
    locked, release, results = threading.Event(), threading.Event(), {}

    def adopt_and_hold():
        with transaction.atomic():
            adopted = _adopt(draft, secretary, "12")()
            locked.set()
            release.wait(timeout=10)
        return adopted

    adopter = _run_in_thread(adopt_and_hold, results, "adopt")
    assert locked.wait(timeout=10), results
    editor = _run_in_thread(_edit(activity, coordinator, "Ändrad under beslutet"), results, "edit")
    deadline = time.monotonic() + 10
    while not _waiting_for_a_lock() and editor.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    blocked = editor.is_alive()
    release.set()
    for thread in (adopter, editor):
        thread.join(timeout=30)

    assert blocked, f"the edit did not wait for the adoption's lock: {results}"
    assert results["adopt"][0] == "ok", results
    outcome, error = results["edit"]
    assert outcome == "refused" and isinstance(error, services.RevisionFrozen), results
    assert error.message == (
        "Revideringen 2020 är antagen och kan inte ändras. Ändringar görs i en ny revidering."
    )
    activity.refresh_from_db()
    assert activity.text != "Ändrad under beslutet" and activity.version == 1
    _assert_no_activity_change_after_adoption(draft)
