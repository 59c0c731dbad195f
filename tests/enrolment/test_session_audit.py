"""Every change to a cohort's sessions is in the audit log under the admin who made it, from the workspace pages as
from the academy API (whose entries name the token, tests/api/test_academy_cohorts_api.py); a session that would end
before it starts is refused on its end, saving nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from enrolment.models import CohortSession
from enrolment.services.cohorts import InvalidInput
from enrolment.services.sessions import session_save
from portal.models import AuditEntry
from tests.enrolment.test_session_changes import GENERATE, session_form
from tests.enrolment.timetable_factories import add_sessions

pytestmark = pytest.mark.django_db


def test_the_pages_session_changes_are_audited_under_the_admin(client, admin, cohort):
    client.force_login(admin)
    [session] = add_sessions(cohort, 1)
    posts = [
        ("enrolment:workspace_session_edit", session.pk, session_form(session, venue="York")),
        ("enrolment:workspace_session_create", cohort.pk, session_form(session)),
        ("enrolment:workspace_session_delete", session.pk, {}),
        ("enrolment:workspace_sessions_generate", cohort.pk, GENERATE),
    ]
    for name, pk, data in posts:
        assert client.post(reverse(name, args=[pk]), data).status_code == 302
    entries = AuditEntry.objects.order_by("pk").values_list("action", "actor", "actor_label", "object_type")
    assert list(entries) == [
        (AuditEntry.Action.SESSION_SAVED, admin.pk, "", "enrolment.cohortsession"),
        (AuditEntry.Action.SESSION_SAVED, admin.pk, "", "enrolment.cohortsession"),
        (AuditEntry.Action.SESSION_DELETED, admin.pk, "", "enrolment.cohortsession"),
        (AuditEntry.Action.SESSIONS_GENERATED, admin.pk, "", "enrolment.cohort"),
    ]


def test_a_session_ending_before_it_starts_is_refused_on_its_end_and_not_saved(admin, cohort):
    [session] = add_sessions(cohort, 1)
    session.ends_at = session.starts_at - timedelta(minutes=1)
    with pytest.raises(InvalidInput) as refused:
        session_save(admin=admin, session=session)
    assert list(refused.value.problems) == ["ends_at"]
    assert CohortSession.objects.get(pk=session.pk).ends_at > session.starts_at
    assert not AuditEntry.objects.exists()
