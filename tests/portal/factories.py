"""Factories for people and places, so a test states only the fields it cares about."""

import factory
from factory.django import DjangoModelFactory

from portal.models import (
    IcsLead,
    IntegratedCareSystem,
    Organisation,
    Profession,
    Region,
    SourceDocument,
    StaffProfile,
    User,
)

TEST_PASSWORD = "correct-horse-battery"


def many_to_many(field: str, *, default_factory=None):
    """A post-generation hook filling an M2M field: with what the test passes, else one default row.

    Catalogue records must cite a source, so their factories pass default_factory; optional links stay empty.
    """

    def fill(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [default_factory()] if default_factory else []
        getattr(obj, field).add(*extracted)

    return factory.PostGeneration(fill)


class SourceDocumentFactory(DjangoModelFactory):
    class Meta:
        model = SourceDocument
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:04d}")
    filename = factory.LazyAttribute(lambda doc: f"{doc.code.lower()}.pdf")
    title = factory.Sequence(lambda n: f"Test source document {n}")


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-region-{n}")
    name = factory.Sequence(lambda n: f"Test Region {n}")


class IntegratedCareSystemFactory(DjangoModelFactory):
    class Meta:
        model = IntegratedCareSystem
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-ics-{n}")
    name = factory.Sequence(lambda n: f"Test Integrated Care System {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test NHS Trust {n}")
    ods_code = factory.Sequence(lambda n: f"TST{n:04d}")
    kind = Organisation.Kind.NHS_TRUST
    ics = factory.SubFactory(IntegratedCareSystemFactory)


class ProfessionFactory(DjangoModelFactory):
    class Meta:
        model = Profession
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-profession-{n}")
    name = factory.Sequence(lambda n: f"Test Profession {n}")
    position = factory.Sequence(lambda n: n)


class UserFactory(DjangoModelFactory):
    """A user who can sign in with TEST_PASSWORD; `with_profile=True` also gives them a StaffProfile."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    class Params:
        national_admin = factory.Trait(is_national_admin=True, is_staff=True, is_superuser=True)
        with_profile = factory.Trait(
            profile=factory.RelatedFactory("tests.portal.factories.StaffProfileFactory", factory_related_name="user")
        )

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.test")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.django.Password(TEST_PASSWORD)


class StaffProfileFactory(DjangoModelFactory):
    class Meta:
        model = StaffProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    profession = factory.SubFactory(ProfessionFactory)
    staff_group = StaffProfile.StaffGroup.NURSING_MIDWIFERY
    grade = StaffProfile.Grade.BAND_5
    job_title = "Staff nurse"
    line_manager_email = factory.Sequence(lambda n: f"manager{n}@example.nhs.test")


class IcsLeadFactory(DjangoModelFactory):
    class Meta:
        model = IcsLead
        django_get_or_create = ("user", "ics")

    user = factory.SubFactory(UserFactory)
    ics = factory.SubFactory(IntegratedCareSystemFactory)
