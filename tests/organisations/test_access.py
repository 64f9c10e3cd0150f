"""The permission layer, rule by rule, for every role against its own and other organisations."""

import pytest
from django.core.exceptions import PermissionDenied

from organisations import access
from organisations.access import Perm
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL = set(Perm)


def granted(user, org):
    return {perm for perm in Perm if access.has_perm(user, perm, org)}


def test_coordinator_holds_every_permission_for_own_organisation(coordinator, committee):
    assert granted(coordinator, committee) == ALL


def test_coordinator_reads_only_adopted_plans_of_parent(coordinator, municipality):
    assert granted(coordinator, municipality) == {Perm.VIEW_PLAN}


def test_coordinator_reads_plans_and_followup_of_units_below(coordinator, unit):
    assert granted(coordinator, unit) == {Perm.VIEW_PLAN, Perm.VIEW_DRAFT, Perm.VIEW_FOLLOWUP}


def test_coordinator_gets_nothing_in_sibling_or_other_municipality(
    coordinator, other_committee, other_municipality
):
    assert granted(coordinator, other_committee) == set()
    assert granted(coordinator, other_municipality) == set()


def test_secretary_exports_and_adopts_but_does_not_edit(secretary, committee):
    assert granted(secretary, committee) == {
        Perm.VIEW_PLAN,
        Perm.VIEW_DRAFT,
        Perm.ADOPT,
        Perm.EXPORT,
        Perm.VIEW_SITUATION,
        Perm.VIEW_FOLLOWUP,
        Perm.MANAGE_MEETINGS,
    }


def test_secretary_gets_nothing_elsewhere(secretary, other_committee, other_municipality, unit):
    assert granted(secretary, other_committee) == set()
    assert granted(secretary, other_municipality) == set()
    assert Perm.EDIT_PLAN not in granted(secretary, unit)


def test_staff_reads_plans_of_own_unit_and_every_parent_never_the_situation(
    staff, unit, committee, municipality
):
    assert granted(staff, unit) == {Perm.VIEW_PLAN, Perm.REPORT_FOLLOWUP}
    assert granted(staff, committee) == {Perm.VIEW_PLAN}
    assert granted(staff, municipality) == {Perm.VIEW_PLAN}
    for org in (unit, committee, municipality):
        assert not access.has_perm(staff, Perm.VIEW_SITUATION, org)


def test_staff_gets_nothing_in_other_organisations(staff, other_committee, other_municipality):
    assert granted(staff, other_committee) == set()
    assert granted(staff, other_municipality) == set()


def test_central_reads_everything_under_the_city_but_edits_nothing(
    central, municipality, committee, other_committee, unit
):
    expected = {Perm.VIEW_PLAN, Perm.VIEW_DRAFT, Perm.EXPORT, Perm.VIEW_SITUATION, Perm.VIEW_FOLLOWUP}
    for org in (municipality, committee, other_committee, unit):
        assert granted(central, org) == expected


def test_central_gets_nothing_in_another_municipality(central, other_municipality):
    assert granted(central, other_municipality) == set()


def test_superuser_holds_everything(superuser, other_municipality):
    assert granted(superuser, other_municipality) == ALL


def test_user_without_membership_and_anonymous_get_nothing(committee):
    from django.contrib.auth.models import AnonymousUser

    nobody = UserFactory()
    assert granted(nobody, committee) == set()
    assert granted(AnonymousUser(), committee) == set()
    assert not access.organisations_for(AnonymousUser(), Perm.VIEW_PLAN).exists()


def test_inactive_user_gets_nothing(coordinator, committee):
    coordinator.is_active = False
    assert granted(coordinator, committee) == set()


def test_require_raises_permission_denied(staff, committee):
    access.require(staff, Perm.VIEW_PLAN, committee)
    with pytest.raises(PermissionDenied):
        access.require(staff, Perm.EDIT_PLAN, committee)


def test_organisations_for_matches_has_perm_for_every_role(
    coordinator, secretary, staff, central, municipality, committee, other_committee, unit, other_municipality
):
    orgs = [municipality, committee, other_committee, unit, other_municipality]
    for user in (coordinator, secretary, staff, central):
        for perm in Perm:
            listed = set(access.organisations_for(user, perm))
            assert listed == {org for org in orgs if access.has_perm(user, perm, org)}, (user, perm)


def test_organisations_for_is_one_query_and_usable_as_subquery(
    coordinator, committee, django_assert_num_queries
):
    from organisations.models import Organisation

    with django_assert_num_queries(2):  # memberships once, then the filtered query itself
        ids = list(
            Organisation.objects.filter(
                pk__in=access.organisations_for(coordinator, Perm.EDIT_PLAN)
            ).values_list("pk", flat=True)
        )
    assert ids == [committee.pk]


def test_has_any_decides_the_menu(staff, coordinator):
    assert access.has_any(staff, Perm.VIEW_PLAN)
    assert not access.has_any(staff, Perm.VIEW_SITUATION)
    assert access.has_any(coordinator, Perm.VIEW_SITUATION)


def test_moving_an_organisation_moves_its_subtree(coordinator, unit, committee, other_committee):
    committee.parent = other_committee
    committee.save()
    unit.refresh_from_db()
    assert unit.ancestor_ids() == [other_committee.parent_id, other_committee.pk, committee.pk, unit.pk]
