"""Demo activity on top of the demo places and accounts: applicants at each stage and coaches on the register.

Applications go through the real services, so their histories, e-mails and places are exactly what the portal
would make; a re-run skips anyone who already has an application, and so changes nothing.
"""

from dataclasses import dataclass

from academies.models import Academy, AcademyAdmin
from coaching.models import CoachProfile
from enrolment.models import Application, Cohort
from enrolment.services.applications import ApplicationDetails, application_start, application_submit
from enrolment.services.decisions import application_offer
from enrolment.services.manager_support import manager_link_token, manager_respond
from enrolment.services.offers import offer_accept
from portal.models import Organisation, Profession, StaffProfile, User
from programmes.models import CareerStage, FrameworkElement


@dataclass(frozen=True)
class DemoApplicant:
    email: str
    full_name: str
    stage: str  # "awaiting_manager", "under_review", "offered" (or, for demo_apply, "accepted")


DEMO_APPLICANTS = [
    DemoApplicant("applicant.one@demo.nhs.test", "Demo Applicant One", "awaiting_manager"),
    DemoApplicant("applicant.two@demo.nhs.test", "Demo Applicant Two", "under_review"),
    DemoApplicant("applicant.three@demo.nhs.test", "Demo Applicant Three", "under_review"),
    DemoApplicant("applicant.four@demo.nhs.test", "Demo Applicant Four", "offered"),
]
DEMO_COACHES = [
    ("coach.one@demo.nhs.test", "Demo Coach One", "demo-south-east-leadership-academy"),
    ("coach.two@demo.nhs.test", "Demo Coach Two", "demo-midlands-leadership-academy"),
]
STATEMENT = "Demo statement: I lead a small team and want to grow as a first-level leader."


def demo_activity_seed(
    *, cohort: Cohort, admin: User, organisation: Organisation, profession: Profession, password: str
) -> dict:
    """Returns the labels of what it made, for seed_demo's report."""
    made = {"Demo applications": [], "Demo coaches": []}
    cohort.line_manager_support_required = True
    cohort.save(update_fields=["line_manager_support_required"])
    for applicant in DEMO_APPLICANTS:
        user = demo_user(applicant.email, applicant.full_name, password)
        StaffProfile.objects.update_or_create(
            user=user,
            defaults={"organisation": organisation, "profession": profession, "grade": StaffProfile.Grade.BAND_6},
        )
        if cohort.applications.filter(applicant=user).exists():
            continue
        demo_apply(user, cohort, admin, applicant.stage)
        made["Demo applications"].append(f"{applicant.full_name}: {applicant.stage.replace('_', ' ')}")
    for email, name, academy_slug in DEMO_COACHES:
        if _coach(email, name, academy_slug, profession, password):
            made["Demo coaches"].append(name)
    return made


def demo_apply(user: User, cohort: Cohort, admin: User, stage: str) -> Application:
    """Takes the person's application to `stage` through the services a person, their line manager and the
    academy would use; the cohort must be open for applications."""
    draft = application_start(applicant=user, programme=cohort.programme)
    details = ApplicationDetails(
        cohort=cohort,
        supporting_statement=STATEMENT,
        line_manager_email="line.manager@demo.nhs.test",
        profession=user.profile.profession,
        grade=user.profile.grade,
        job_title="Team leader (demo)",
    )
    application = application_submit(application_id=draft.pk, applicant=user, details=details)
    if stage == "awaiting_manager":
        return application
    if application.status == Application.Status.AWAITING_MANAGER:
        manager_respond(token=manager_link_token(application), supported=True, comment="Demo: happy to support.")
    if stage in ("offered", "accepted"):
        application_offer(application_id=application.pk, admin=admin)
    if stage == "accepted":
        offer_accept(application_id=application.pk, applicant=user)
    return application


def _coach(email: str, name: str, academy_slug: str, profession: Profession, password: str) -> bool:
    academy = Academy.objects.filter(slug=academy_slug).first()
    admin_link = AcademyAdmin.objects.filter(academy=academy).select_related("user").first()
    if academy is None or CoachProfile.objects.filter(user__email=email).exists():
        return False
    user = demo_user(email, name, password)
    organisation = Organisation.objects.filter(is_demo=True, ics=academy.ics).first()
    StaffProfile.objects.update_or_create(user=user, defaults={"organisation": organisation, "profession": profession})
    profile = CoachProfile.objects.create(
        user=user,
        academy=academy,
        offers_coaching=True,
        offers_mentoring=True,
        qualification="Demo qualification (not real)",
        about="A made-up coach for trying the register.",
        region=academy.region,
        meets_online=True,
        max_mentees=3,
        status=CoachProfile.Status.APPROVED,
        decided_by=admin_link.user if admin_link else None,
        is_demo=True,
    )
    profile.dimensions.set(FrameworkElement.objects.filter(framework__slug="healthcare-leadership-model")[:3])
    profile.professions.set([profession])
    profile.career_stages.set(CareerStage.objects.all()[:2])
    return True


def demo_user(email: str, full_name: str, password: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, "is_demo": True})
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
