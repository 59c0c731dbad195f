"""Factories for academies and the people who run them."""

import factory
from factory.django import DjangoModelFactory

from academies.models import Academy, AcademyAdmin
from tests.portal.factories import RegionFactory, UserFactory, many_to_many


class AcademyFactory(DjangoModelFactory):
    """A national academy by default; `local_partner=True` makes a local leadership academy working for one."""

    class Meta:
        model = Academy
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    class Params:
        local_partner = factory.Trait(
            kind=Academy.Kind.LOCAL_DELIVERY_PARTNER,
            parent=factory.SubFactory("tests.academies.factories.AcademyFactory"),
            region=factory.SubFactory(RegionFactory),
        )

    name = factory.Sequence(lambda n: f"Test Academy {n}")
    slug = factory.Sequence(lambda n: f"test-academy-{n}")
    kind = Academy.Kind.NATIONAL
    summary = "An academy made for a test."
    sources = many_to_many("sources")


class AcademyAdminFactory(DjangoModelFactory):
    class Meta:
        model = AcademyAdmin
        django_get_or_create = ("user", "academy")

    user = factory.SubFactory(UserFactory)
    academy = factory.SubFactory(AcademyFactory)
