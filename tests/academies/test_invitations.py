"""An academy admin invites a colleague by e-mail to co-administer the academy: a signed link, e-mailed once
through the outbox, that expires and works once, for the person it was sent to (issue 17 part 6)."""

from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from academies.models import AcademyAdmin, AcademyInvitation
from academies.services import (
    InvitationInvalid,
    academy_invitation_accept,
    academy_invitation_send,
    academy_invitation_token,
)
from academies.tasks import send_academy_invitation
from portal.models import AuditEntry
from portal.services import RoleError
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.portal.test_registration import GOOD

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return AcademyAdminFactory()


@pytest.fixture
def invitation(admin):
    return academy_invitation_send(actor=admin.user, academy=admin.academy, email="Colleague@Example.nhs.test")


@pytest.mark.usefixtures("tasks_run_in_process")
def test_inviting_by_posting_the_page_e_mails_the_link_once(client, admin, django_capture_on_commit_callbacks):
    client.force_login(admin.user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("roles:invite"), {"email": "colleague@example.nhs.test", "academy": admin.academy.pk}
        )

    assert response.status_code == 302
    invitation = AcademyInvitation.objects.get()
    assert [message.to for message in mail.outbox] == [["colleague@example.nhs.test"]]
    assert reverse("roles:invitation", args=[academy_invitation_token(invitation)])[:30] in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="invitation_sent", object_id=str(invitation.pk)).exists()
    assert send_academy_invitation(invitation.pk) is False  # a re-run sends nothing
    assert len(mail.outbox) == 1


def test_an_admin_cannot_invite_to_another_academy(client, admin):
    other = AcademyFactory()
    client.force_login(admin.user)

    response = client.post(reverse("roles:invite"), {"email": "colleague@example.nhs.test", "academy": other.pk})

    assert response.context["form"].errors["academy"] == ["Choose the academy from the list"]
    assert not AcademyInvitation.objects.exists()
    with pytest.raises(RoleError, match="Only this academy's admins"):
        academy_invitation_send(actor=admin.user, academy=other, email="colleague@example.nhs.test")
    assert not AcademyInvitation.objects.exists()


def test_inviting_someone_who_already_runs_the_academy_is_a_form_error(client, admin):
    colleague = AcademyAdminFactory(academy=admin.academy)
    client.force_login(admin.user)

    response = client.post(reverse("roles:invite"), {"email": colleague.user.email, "academy": admin.academy.pk})

    assert "already an admin" in " ".join(response.context["form"].errors["email"])
    assert not AcademyInvitation.objects.exists()


def test_the_invitee_signs_in_and_accepts(client, invitation):
    colleague = UserFactory(email="colleague@example.nhs.test")
    url = reverse("roles:invitation", args=[academy_invitation_token(invitation)])

    assert "log in" in client.get(url).content.decode()
    assert client.post(url).url.startswith(reverse("login"))
    client.force_login(colleague)
    response = client.post(url)

    assert response.status_code == 302
    assert AcademyAdmin.objects.filter(user=colleague, academy=invitation.academy).exists()
    assert client.get(reverse("enrolment:workspace")).status_code == 200
    assert AuditEntry.objects.filter(action="role_granted", actor=colleague).exists()


def test_a_used_link_is_refused(client, invitation):
    colleague = UserFactory(email="colleague@example.nhs.test")
    token = academy_invitation_token(invitation)
    academy_invitation_accept(token=token, user=colleague)
    client.force_login(colleague)

    response = client.post(reverse("roles:invitation", args=[token]))

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert AcademyAdmin.objects.filter(user=colleague).count() == 1


def test_an_expired_link_grants_nothing(client, invitation):
    colleague = UserFactory(email="colleague@example.nhs.test")
    AcademyInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(colleague)

    response = client.post(reverse("roles:invitation", args=[academy_invitation_token(invitation)]))

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not AcademyAdmin.objects.filter(user=colleague).exists()


def test_a_tampered_link_grants_nothing(client, invitation):
    colleague = UserFactory(email="colleague@example.nhs.test")
    token = academy_invitation_token(invitation)
    client.force_login(colleague)

    response = client.post(reverse("roles:invitation", args=[token[:-3] + ("abc" if token[-3:] != "abc" else "xyz")]))

    assert response.status_code == 410
    assert "not valid" in response.content.decode()
    assert not AcademyAdmin.objects.filter(user=colleague).exists()


def test_someone_else_holding_the_link_cannot_accept_it(client, invitation):
    stranger = UserFactory()
    client.force_login(stranger)

    response = client.post(reverse("roles:invitation", args=[academy_invitation_token(invitation)]))

    assert response.status_code == 410
    assert "another e-mail address" in response.content.decode()
    assert not AcademyAdmin.objects.filter(user=stranger).exists()
    assert AcademyInvitation.objects.get().accepted_at is None


def test_invitations_are_in_the_invitees_personal_data(invitation):
    from portal.privacy import personal_data_erase, personal_data_export

    colleague = UserFactory(email="colleague@example.nhs.test")

    exported = personal_data_export(user=colleague)["account"]["invitations_to_run_an_academy"]

    assert [row["academy__name"] for row in exported] == [invitation.academy.name]
    personal_data_erase(user=colleague)
    assert not AcademyInvitation.objects.exists()


def test_accepting_in_the_service_checks_the_address(invitation):
    with pytest.raises(InvitationInvalid):
        academy_invitation_accept(token=academy_invitation_token(invitation), user=UserFactory())


def registration(email: str) -> dict:
    return {**GOOD, "email": email}


@pytest.mark.usefixtures("tasks_run_in_process")
def test_an_invitee_without_an_account_registers_and_comes_back_to_accept(client, invitation):
    url = reverse("roles:invitation", args=[academy_invitation_token(invitation)])
    register = f"{reverse('register')}?next={quote(url)}"  # as the page's link writes it
    assert register in client.get(url).content.decode()

    registered = client.post(register, registration("colleague@example.nhs.test"))
    accepted = client.post(registered.url)

    assert registered.url == url
    assert accepted.url == reverse("enrolment:workspace")
    assert AcademyAdmin.objects.filter(user__email="colleague@example.nhs.test", academy=invitation.academy).exists()


def test_an_invitee_with_an_account_signs_in_and_comes_back_to_the_invitation(client, invitation):
    UserFactory(email="colleague@example.nhs.test")
    url = reverse("roles:invitation", args=[academy_invitation_token(invitation)])

    response = client.post(
        f"{reverse('login')}?{urlencode({'next': url})}",
        {"username": "colleague@example.nhs.test", "password": TEST_PASSWORD},
    )

    assert response.url == url
    assert "Accept invitation" in client.get(url).content.decode()


@pytest.mark.parametrize("elsewhere", ["https://evil.example.test/", "//evil.example.test/", "javascript:alert(1)"])
def test_registering_never_sends_anyone_to_another_site(client, elsewhere):
    response = client.post(f"{reverse('register')}?{urlencode({'next': elsewhere})}", GOOD)

    assert response.url == reverse("profile")
