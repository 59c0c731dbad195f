"""Where a cohort or one of its sessions is held, worded once for every page, e-mail and calendar that says it."""

VENUE_TO_BE_CONFIRMED = "venue to be confirmed"


class HeldSomewhere:
    """For a model with `is_online` and `venue`: a blank venue of an in-person cohort is not yet decided."""

    @property
    def where(self) -> str:
        """ "online", the venue, or "venue to be confirmed", as it reads in the middle of a sentence."""
        if self.is_online:
            return "online"
        return self.venue or VENUE_TO_BE_CONFIRMED

    @property
    def place(self) -> str:
        """The same, as it reads on its own: in a table cell, a summary list or a calendar's location."""
        if self.is_online:
            return "Online"
        return self.venue or VENUE_TO_BE_CONFIRMED.capitalize()
