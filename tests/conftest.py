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


# --- rows made by data migrations survive the flush after transactional (browser) tests ---------------

REFERENCE_APPS = ("organisations", "documents", "situation", "plans", "followup")


def _reference_models():
    from django.apps import apps

    return [model for app in REFERENCE_APPS for model in apps.get_app_config(app).get_models()]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Data migrations create rows (follow-up statuses, lägesbild environments and kinds). A transactional
    test such as a browser test ends with a flush that deletes them, so every later test on the worker
    would miss them: save them from the fresh database and put them back after every flush."""
    from django.core import serializers
    from django.db.models.signals import post_migrate

    with django_db_blocker.unblock():
        rows = serializers.serialize(
            "json", [obj for model in _reference_models() for obj in model._base_manager.all()]
        )

    def restore(sender, using, **kwargs):
        if any(model._base_manager.using(using).exists() for model in _reference_models()):
            return
        for obj in serializers.deserialize("json", rows, using=using):
            obj.save(using=using)

    post_migrate.connect(restore, weak=False, dispatch_uid="tests-restore-reference-rows")
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: database ids repeat after a rollback, cached values must not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
