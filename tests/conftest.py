import pytest

from organisations.models import Membership, Organisation
from tests.factories import OrganisationFactory, UserFactory, member

Role = Membership.Role


@pytest.fixture
def municipality(db):
    return OrganisationFactory(name="Teststad", short_name="Teststad", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def committee(municipality):
    return OrganisationFactory(name="Norra stadsdelsnämnden", short_name="Norra", parent=municipality)


@pytest.fixture
def unit(committee):
    return OrganisationFactory(
        name="Fritidsenheten", short_name="Fritid", kind=Organisation.Kind.UNIT, parent=committee
    )


@pytest.fixture
def other_committee(municipality):
    return OrganisationFactory(name="Södra stadsdelsnämnden", short_name="Sodra", parent=municipality)


@pytest.fixture
def other_municipality(db):
    return OrganisationFactory(name="Grannkommunen", short_name="Granne", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def coordinator(committee):
    return member(Role.COORDINATOR, committee, username="samordnare-test")


@pytest.fixture
def secretary(committee):
    return member(Role.SECRETARY, committee, username="sekreterare-test")


@pytest.fixture
def staff(unit):
    return member(Role.STAFF, unit, username="medarbetare-test")


@pytest.fixture
def central(municipality):
    return member(Role.CENTRAL, municipality, username="central-test")


@pytest.fixture
def other_coordinator(other_committee):
    return member(Role.COORDINATOR, other_committee, username="samordnare-annan")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin-test", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Hashing with the production hasher costs ~0.2 s per user; tests only need logins to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
