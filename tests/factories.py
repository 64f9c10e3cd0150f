"""Factories shared by every app's tests. Names are invented."""

import factory
from django.contrib.auth import get_user_model

from organisations.models import Membership, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Testnämnd {n}")
    short_name = factory.Sequence(lambda n: f"Test{n}")
    kind = Organisation.Kind.COMMITTEE
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"anvandare{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", "testlosen-123")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.COORDINATOR


def member(role, organisation, **user_kwargs):
    """A user holding `role` in `organisation`."""
    return MembershipFactory(role=role, organisation=organisation, user=UserFactory(**user_kwargs)).user
