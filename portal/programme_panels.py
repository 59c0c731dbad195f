"""Panels an upper app adds to a programme's page, registered by the app itself, so the page (in a lower layer)
shows them without importing the app.

An app registers a `ProgrammePanel` from its AppConfig.ready(): a template, and a function of the programme that
returns the template's context, or None when the panel has nothing to show for that programme.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgrammePanel:
    name: str
    template: str
    context: Callable[..., dict | None]


@dataclass(frozen=True)
class ShownPanel:
    template: str
    context: dict


_registry: dict[str, ProgrammePanel] = {}


def programme_panel_register(panel: ProgrammePanel) -> None:
    """Called from the app's AppConfig.ready(); registering a panel's name again replaces it."""
    _registry[panel.name] = panel


def programme_panels_for(programme) -> list[ShownPanel]:
    """The panels that have something to show for `programme`, in the order they were registered."""
    shown = ((panel.template, panel.context(programme)) for panel in _registry.values())
    return [ShownPanel(template=template, context=context) for template, context in shown if context is not None]
