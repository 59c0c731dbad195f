"""A programme's page (in a lower layer) shows the panels upper apps register, only those with something to show."""

import pytest

from portal import programme_panels
from portal.programme_panels import ProgrammePanel, programme_panel_register, programme_panels_for


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for one test, as if no app had registered a panel."""
    monkeypatch.setattr(programme_panels, "_registry", {})


def test_only_panels_with_something_to_show_are_rendered(registry):
    programme_panel_register(
        ProgrammePanel(name="shown", template="a.html", context=lambda programme: {"n": programme})
    )
    programme_panel_register(ProgrammePanel(name="empty", template="b.html", context=lambda programme: None))

    assert [(panel.template, panel.context) for panel in programme_panels_for(7)] == [("a.html", {"n": 7})]


def test_registering_a_panel_again_replaces_it(registry):
    programme_panel_register(ProgrammePanel(name="projects", template="old.html", context=lambda programme: {}))
    programme_panel_register(ProgrammePanel(name="projects", template="new.html", context=lambda programme: {}))

    assert [panel.template for panel in programme_panels_for(None)] == ["new.html"]


def test_improvement_registers_its_projects_panel():
    assert "improvement-projects" in programme_panels._registry
