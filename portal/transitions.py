"""The one way a record's status changes: along the table of allowed transitions written on its model."""

from typing import ClassVar

from .rules import RuleError


class InvalidTransition(RuleError):
    """A status change the model's table of allowed transitions does not allow."""


class Transitions:
    """Mixed into a model that has a `status` field and a `TRANSITIONS` table, {status: {statuses it may become}}.

    A status that is not a key of the table is final. `move_to` is the one place a status is written; a model
    says what else a move changes (timestamps, a history entry, saving) in `moved`.
    """

    TRANSITIONS: ClassVar[dict[str, set[str]]] = {}

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    def check_transition(self, status: str) -> None:
        """Raises InvalidTransition, saying what the record is and why, unless the table allows `status`."""
        if not self.can_move_to(status):
            labels = dict(self._meta.get_field("status").choices)
            current = labels.get(self.status, self.status).lower()
            target = labels.get(status, status).lower()
            raise InvalidTransition(f"This {self._meta.verbose_name} is {current}, so it cannot become {target}.")

    def move_to(self, status: str, **details):
        """Moves to `status` if the table allows it, then returns what `moved` makes of the move."""
        self.check_transition(status)
        from_status, self.status = self.status, status
        return self.moved(from_status, **details)

    def moved(self, from_status: str, **details):
        """What else a move from `from_status` changes; by default nothing, and the caller saves."""
        return None
