"""A participant's projects are in their download, and erasure takes them off the showcase for good."""

import pytest

from improvement.models import ImprovementProject
from portal.privacy import personal_data_erase, personal_data_export
from tests.improvement.factories import ImprovementProjectFactory

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_own_projects_only():
    project = ImprovementProjectFactory(application__status="completed", public=True, title="Ours")
    ImprovementProjectFactory(title="Someone else's")

    exported = personal_data_export(user=project.application.applicant)["improvement_projects"]

    assert [(entry["title"], entry["method"], entry["status"]) for entry in exported] == [
        ("Ours", project.method.name, "Approved")
    ]


def test_erasure_deletes_the_persons_projects_and_so_unpublishes_them():
    project = ImprovementProjectFactory(application__status="completed", public=True)
    other = ImprovementProjectFactory(public=True)

    personal_data_erase(user=project.application.applicant)

    assert list(ImprovementProject.objects.public()) == [other]
