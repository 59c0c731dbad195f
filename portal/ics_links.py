"""What may be linked to an integrated care system: a funded scheme's allocation, an academy or a cohort names the
system whose staff it counts or serves. The same checks hold in the Django admin (each model's clean) and in
`manage.py link_ods` (enrolment.services.ods_links).

No ODS code is invented: the link is chosen by an admin, or read from a file the user provides, and it names a
system imported from ODS (`manage.py import_ods`).
"""

from django.core.exceptions import ValidationError
from django.db import models

from .models import IntegratedCareSystem, Organisation

DEMO_TO_REAL = "A demo record cannot be linked to a real ICS: choose a demo system."
REAL_TO_DEMO = "A real record cannot be linked to a demo ICS: its figures would count made-up staff."
CLOSED = "This ICS's board has closed in the NHS Organisation Data Service: choose the system that replaced it."


def ics_closed(ics: IntegratedCareSystem) -> bool:
    """Whether the system's board (the ICB organisation with its ODS code) is closed in ODS."""
    if not ics.ods_code:
        return False
    return Organisation.objects.filter(ods_code=ics.ods_code, kind=Organisation.Kind.ICB, is_closed=True).exists()


def ics_link_problem(*, record: models.Model, ics: IntegratedCareSystem | None, is_demo: bool) -> str | None:
    """What is wrong with linking `record` (demo or not) to `ics`, or None. A link the record already has is kept
    even if its board has since closed; demo and real data never mix."""
    if ics is None:
        return None
    if ics.is_demo != is_demo:
        return DEMO_TO_REAL if is_demo else REAL_TO_DEMO
    stored = type(record).objects.filter(pk=record.pk).values_list("ics_id", flat=True).first() if record.pk else None
    if stored != ics.pk and ics_closed(ics):
        return CLOSED
    return None


def ics_link_check(*, record: models.Model, ics: IntegratedCareSystem | None, is_demo: bool) -> None:
    """For a model's clean(): the problem, if any, as a form error on its ICS field."""
    problem = ics_link_problem(record=record, ics=ics, is_demo=is_demo)
    if problem:
        raise ValidationError({"ics": problem})
