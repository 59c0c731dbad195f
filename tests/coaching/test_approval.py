"""The academy keeps the register honest: a profile is listed only once the coach's academy approves it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import CoachingError, CoachProfile
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory, HlmDimensionFactory, staff_member
from tests.portal.factories import ProfessionFactory, RegionFactory
from tests.programmes.factories import CareerStageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy():
    return AcademyFactory(local_partner=True, name="North West Leadership Academy")


@pytest.fixture
def academy_admin(academy):
    return AcademyAdminFactory(academy=academy).user


def profile_form(academy, **changes):
    return {
        "academy": academy.pk,
        "offers": ["coaching", "mentoring"],
        "qualification": "Level 7 certificate in coaching",
        "about": "Twenty years in community nursing.",
        "dimensions": [HlmDimensionFactory().pk],
        "professions": [ProfessionFactory().pk],
        "career_stages": [CareerStageFactory().pk],
        "region": RegionFactory().pk,
        "meets": ["online"],
        "max_mentees": 3,
        **changes,
    }


def test_a_coach_registers_and_waits_for_their_academy_unseen_by_staff(client, academy):
    coach_user = staff_member(full_name="Nia Newcoach")
    client.force_login(coach_user)

    response = client.post(reverse("coaching:profile_edit"), profile_form(academy))

    assert response.status_code == 302
    profile = CoachProfile.objects.get(user=coach_user)
    assert (profile.status, profile.academy, profile.max_mentees) == ("pending", academy, 3)
    assert (profile.offers_coaching, profile.offers_mentoring, profile.meets_online, profile.meets_in_person) == (
        True, True, True, False,
    )
    client.force_login(staff_member())
    assert "Nia Newcoach" not in client.get(reverse("coaching:register")).content.decode()
    assert client.get(reverse("coaching:coach_detail", args=[profile.pk])).status_code == 404


def test_registering_needs_an_organisation_so_conflicts_of_interest_can_be_checked(client, academy):
    client.force_login(staff_member(organisation=None))

    response = client.post(reverse("coaching:profile_edit"), profile_form(academy))

    assert "Add your organisation to your profile first" in response.content.decode()
    assert not CoachProfile.objects.exists()


def test_the_academy_admin_sees_the_profile_awaiting_approval_and_approves_it(client, academy, academy_admin):
    profile = CoachProfileFactory(pending=True, academy=academy, user__full_name="Nia Newcoach")
    client.force_login(academy_admin)

    assert "Nia Newcoach" in client.get(reverse("coaching:academy")).content.decode()
    assert "Approve" in client.get(reverse("coaching:coach_detail", args=[profile.pk])).content.decode()
    response = client.post(reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "approve"})

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.status, profile.decided_by) == ("approved", academy_admin)
    client.force_login(staff_member())
    assert "Nia Newcoach" in client.get(reverse("coaching:register")).content.decode()


def test_not_approving_needs_a_reason_which_the_coach_then_sees(client, academy, academy_admin):
    profile = CoachProfileFactory(pending=True, academy=academy)
    client.force_login(academy_admin)
    url = reverse("coaching:profile_decision", args=[profile.pk])

    without_reason = client.post(url, {"decision": "reject", "reason": "  "})
    profile.refresh_from_db()
    assert without_reason.status_code == 200
    assert "Say why the profile is not approved" in without_reason.content.decode()
    assert profile.status == "pending"

    client.post(url, {"decision": "reject", "reason": "Please name the body that awarded your qualification."})
    profile.refresh_from_db()
    assert profile.status == "rejected"
    client.force_login(profile.user)
    assert "Please name the body" in client.get(reverse("coaching:mine")).content.decode()


def test_an_admin_of_another_academy_cannot_decide_on_the_profile(client):
    profile = CoachProfileFactory(pending=True)
    other_admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user
    client.force_login(other_admin)

    response = client.post(reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "approve"})

    assert response.status_code == 404
    profile.refresh_from_db()
    assert profile.status == "pending"
    with pytest.raises(CoachingError):
        services.coach_profile_approve(profile_id=profile.pk, admin_user=other_admin)


def test_someone_who_runs_no_academy_is_refused_the_academy_page(client):
    client.force_login(staff_member())

    assert client.get(reverse("coaching:academy")).status_code == 403


def test_someone_who_runs_no_academy_cannot_decide_on_a_profile(client):
    profile = CoachProfileFactory(pending=True)
    client.force_login(staff_member())

    response = client.post(reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "approve"})

    assert response.status_code == 403
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_a_tampered_decision_is_a_bad_request_and_changes_nothing(client, academy, academy_admin):
    profile = CoachProfileFactory(pending=True, academy=academy)
    client.force_login(academy_admin)

    response = client.post(reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "approved!"})

    assert response.status_code == 400
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_a_new_qualification_goes_back_to_the_academy_but_a_new_limit_does_not(client, academy):
    profile = CoachProfileFactory(academy=academy, qualification="Level 5 certificate in coaching")
    client.force_login(profile.user)
    form = profile_form(academy, qualification="Level 5 certificate in coaching", region=profile.region.pk)

    client.post(reverse("coaching:profile_edit"), {**form, "max_mentees": 4})
    profile.refresh_from_db()
    assert (profile.status, profile.max_mentees) == ("approved", 4)

    client.post(reverse("coaching:profile_edit"), {**form, "qualification": "Level 7 certificate in coaching"})
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_a_rejected_profile_put_right_goes_back_for_approval(client, academy):
    profile = CoachProfileFactory(academy=academy, status="rejected", decision_note="Name the awarding body")
    client.force_login(profile.user)

    client.post(reverse("coaching:profile_edit"), profile_form(academy))

    profile.refresh_from_db()
    assert (profile.status, profile.decision_note) == ("pending", "")


def test_a_coach_cannot_lower_their_limit_below_the_people_they_already_have(client, academy):
    profile = CoachProfileFactory(academy=academy, max_mentees=3)
    CoachingRequestFactory.create_batch(2, coach=profile, accepted=True)
    client.force_login(profile.user)

    response = client.post(reverse("coaching:profile_edit"), profile_form(academy, max_mentees=1))

    assert "You have 2 active relationships" in response.content.decode()
    profile.refresh_from_db()
    assert profile.max_mentees == 3


def test_the_academy_page_counts_its_register_activity_without_naming_mentees(client, academy, academy_admin):
    listed = CoachProfileFactory(academy=academy, max_mentees=3, user__full_name="Lee Listed")
    CoachProfileFactory(academy=academy, pending=True, user__full_name="Pam Pending")
    CoachProfileFactory(user__full_name="Olu Otheracademy")
    CoachingRequestFactory(coach=listed, accepted=True, mentee__full_name="Secret Mentee")
    CoachingRequestFactory(coach=listed, closed=True)
    CoachingRequestFactory(coach=listed, created_at=timezone.now() - timedelta(days=62))
    client.force_login(academy_admin)

    response = client.get(reverse("coaching:academy"))

    html = response.content.decode()
    activity = response.context["activity"][0]
    assert (activity.academy.listed, activity.academy.active_relationships) == (1, 1)
    assert activity.academy.requests_this_month == 2
    assert [p.user.full_name for p in activity.awaiting_approval] == ["Pam Pending"]
    assert "Lee Listed" in html
    assert "Olu Otheracademy" not in html
    assert "Secret Mentee" not in html


def profile_details(**changes) -> services.CoachProfileDetails:
    """What a coach sends the register service, with the form left out."""
    values = {
        "academy": AcademyFactory(local_partner=True),
        "offers_coaching": True,
        "offers_mentoring": False,
        "qualification": "Certificate",
        "about": "",
        "dimensions": [HlmDimensionFactory()],
        "professions": [ProfessionFactory()],
        "career_stages": [CareerStageFactory()],
        "region": RegionFactory(),
        "meets_in_person": True,
        "meets_online": False,
        "max_mentees": 2,
    }
    return services.CoachProfileDetails(**{**values, **changes})


def test_a_profile_must_name_a_local_or_system_academy():
    with pytest.raises(CoachingError, match="local or system leadership academy"):
        services.coach_profile_register(user=staff_member(), details=profile_details(academy=AcademyFactory()))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"offers_coaching": False}, "Choose coaching, mentoring or both"),
        ({"meets_in_person": False}, "Choose in person, online or both"),
    ],
)
def test_the_register_service_itself_needs_something_offered_and_a_way_to_meet(changes, message):
    with pytest.raises(CoachingError, match=message):
        services.coach_profile_register(user=staff_member(), details=profile_details(**changes))

    assert not CoachProfile.objects.exists()


def test_deciding_again_on_a_profile_already_decided_says_so_and_changes_nothing(client, academy, academy_admin):
    profile = CoachProfileFactory(academy=academy)
    client.force_login(academy_admin)

    response = client.post(
        reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "reject", "reason": "Late"}, follow=True
    )

    assert "This coach profile is approved, so it cannot become not approved" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == "approved"
