"""Each app registers what it holds about a person; the base layer only iterates the registry. A model that holds
personal data and that no registration of its own app claims fails here, so a new app cannot forget its share of
the download and of erasure."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from django.conf import settings

from portal import personal_data_registry as registry
from portal.personal_data_registry import personal_data_registered, personal_data_unclaimed

DOMAIN_APPS = {
    "academies", "coaching", "enrolment", "evaluation", "improvement", "programmes", "progression", "reporting",
    "selfassessment",
}
EVERY_MODEL_WITH_PERSONAL_DATA = {
    "portal.User", "portal.StaffProfile", "portal.IcsLead", "portal.EmailDelivery", "portal.AuditEntry",
    "portal.ExternalIdentity",
    "academies.AcademyAdmin",
    "academies.AcademyInvitation", "academies.AcademyApiToken",
    "enrolment.Application", "enrolment.ApplicationEvent", "enrolment.Enrolment", "enrolment.Certificate",
    "enrolment.ProgrammeInterest",
    "enrolment.CalendarFeed", "enrolment.PlaceAllocation", "enrolment.Nomination", "enrolment.Cohort",
    "enrolment.WebhookEndpoint",
    "coaching.CoachProfile", "coaching.CoachingRequest", "coaching.CoachingSession",
    "improvement.ImprovementProject",
    "selfassessment.SelfAssessment",
    "evaluation.FeedbackResponse",
    "reporting.EqualityProfile",
}


def registered(app_label: str) -> registry.PersonalData:
    return next(entry for entry in personal_data_registered() if entry.app_label == app_label)


@pytest.fixture
def without(monkeypatch):
    """Takes an app's registration out for one test, as if the app had never registered."""
    return lambda app_label: monkeypatch.delitem(registry._registry, app_label)


def test_every_model_that_holds_personal_data_is_claimed_by_its_own_app():
    assert personal_data_unclaimed() == []


def test_the_walk_finds_every_model_that_links_to_a_person_or_holds_an_address(monkeypatch):
    monkeypatch.setattr(registry, "_registry", {})

    assert set(personal_data_unclaimed()) == EVERY_MODEL_WITH_PERSONAL_DATA


def test_an_app_that_registers_nothing_fails(without):
    without("reporting")

    assert personal_data_unclaimed() == ["reporting.EqualityProfile"]


def test_a_model_the_registration_leaves_out_fails(monkeypatch):
    leaves_out = replace(registered("coaching"), models=("coaching.CoachProfile", "coaching.CoachingRequest"))
    monkeypatch.setitem(registry._registry, "coaching", leaves_out)

    assert personal_data_unclaimed() == ["coaching.CoachingSession"]


def test_another_app_cannot_claim_an_apps_models(monkeypatch, without):
    without("academies")
    portal = registered("portal")
    claims_too_much = replace(portal, models=(*portal.models, "academies.AcademyAdmin"))
    monkeypatch.setitem(registry._registry, "portal", claims_too_much)

    assert personal_data_unclaimed() == [
        "academies.AcademyAdmin", "academies.AcademyInvitation", "academies.AcademyApiToken",
    ]


def test_the_registry_keeps_installed_apps_order_whatever_order_the_apps_registered_in(monkeypatch):
    monkeypatch.setattr(registry, "_registry", dict(reversed(registry._registry.items())))

    labels = [entry.app_label for entry in personal_data_registered()]

    assert labels == [
        "portal", "academies", "enrolment", "coaching", "improvement", "progression", "selfassessment", "evaluation",
        "reporting",
    ]


@pytest.mark.parametrize("module", ["privacy.py", "personal_data.py", "personal_data_registry.py"])
def test_the_base_layers_personal_data_code_imports_no_domain_app(module):
    tree = ast.parse((Path(settings.BASE_DIR) / "portal" / module).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module} | {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }

    assert not {name.split(".")[0] for name in imported} & DOMAIN_APPS
