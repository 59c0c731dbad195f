"""Factories for the catalogue: programmes, frameworks, career stages and funded schemes."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from programmes.models import CareerStage, Framework, FrameworkElement, FundedScheme, Programme, SchemeAllocation
from tests.academies.factories import AcademyFactory
from tests.portal.factories import RegionFactory, SourceDocumentFactory, many_to_many


class CareerStageFactory(DjangoModelFactory):
    class Meta:
        model = CareerStage
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-stage-{n}")
    name = factory.Sequence(lambda n: f"Test Career Stage {n}")
    position = factory.Sequence(lambda n: n)


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-framework-{n}")
    name = factory.Sequence(lambda n: f"Test Framework {n}")
    publisher = "Test Publisher"
    sources = many_to_many("sources", default_factory=SourceDocumentFactory)


class FrameworkElementFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkElement
        django_get_or_create = ("framework", "slug")

    framework = factory.SubFactory(FrameworkFactory)
    slug = factory.Sequence(lambda n: f"test-element-{n}")
    name = factory.Sequence(lambda n: f"Test Element {n}")
    position = factory.Sequence(lambda n: n)


class ProgrammeFactory(DjangoModelFactory):
    """A programme staff apply to a cohort of; `open_access=True` makes one they enrol on at once."""

    class Meta:
        model = Programme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    class Params:
        open_access = factory.Trait(
            access=Programme.Access.OPEN_ACCESS,
            format=Programme.Format.ONLINE_SELF_PACED,
            line_manager_support_required=False,
        )

    title = factory.Sequence(lambda n: f"Test Programme {n}")
    slug = factory.Sequence(lambda n: f"test-programme-{n}")
    provider = factory.SubFactory(AcademyFactory)
    summary = "A programme made for a test."
    open_to_all_professions = True
    format = Programme.Format.BLENDED
    duration_months = 6
    cost = Programme.Cost.FREE
    access = Programme.Access.BY_APPLICATION
    line_manager_support_required = True

    sources = many_to_many("sources", default_factory=SourceDocumentFactory)
    delivering_academies = many_to_many("delivering_academies")
    career_stages = many_to_many("career_stages")
    professions = many_to_many("professions")
    development_areas = many_to_many("development_areas")


class FundedSchemeFactory(DjangoModelFactory):
    class Meta:
        model = FundedScheme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"test-scheme-{n}")
    name = factory.Sequence(lambda n: f"Test Funded Scheme {n}")
    funder = "Test Funder"
    amount_gbp = Decimal("1000000.00")
    sources = many_to_many("sources", default_factory=SourceDocumentFactory)
    programmes = many_to_many("programmes")


class SchemeAllocationFactory(DjangoModelFactory):
    class Meta:
        model = SchemeAllocation
        django_get_or_create = ("scheme", "area_name")

    scheme = factory.SubFactory(FundedSchemeFactory)
    region = factory.SubFactory(RegionFactory)
    area_name = factory.LazyAttribute(lambda allocation: allocation.region.name)
    amount_gbp = Decimal("100000.00")
    target_leaders = 50
