"""Demo data is labelled Demo wherever it surfaces (issue 13, part 6).

The walk renders every public page and every report as each role on the real catalogue, then again once the demo
data is added, and every text block the demo data brought must say Demo (tests/support/demo_facts.py says how a
block is read and where its label may be). The demo rows are renamed first so that no name says "Demo": only the
labels the portal derives from is_demo count. And a real member of staff applies to a demo cohort, so a real
system's figures would show it if demo facts were not kept out of them.
"""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.test import Client
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

from academies.models import Academy
from coaching.models import HLM_FRAMEWORK_SLUG, CoachProfile
from devdata.demo import (
    ACADEMY_ADMIN_ACCOUNT,
    DEMO_COHORTS,
    PARTICIPANT_ACCOUNT,
    STAFF_ACCOUNT,
    demo_seed,
)
from enrolment.models import Application, Cohort
from evaluation.models import FeedbackResponse
from improvement.models import ImprovementProject
from portal.models import IntegratedCareSystem, Organisation, User
from programmes.models import CareerStage, FrameworkElement, Programme
from progression.models import FollowUp
from reporting.models import ReportsRefresh
from reporting.services import reports_refresh
from selfassessment.models import SelfAssessment, model_dimensions
from tests.academies.factories import AcademyAdminFactory
from tests.coaching.factories import CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, feedback_closed
from tests.improvement.factories import ImprovementProjectFactory
from tests.portal.factories import (
    IcsLeadFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.progression.factories import FollowUpFactory, completed_place
from tests.selfassessment.factories import assessment_taken
from tests.support.access_matrix import MATRIX, parse
from tests.support.demo_facts import unlabelled_demo_facts
from tests.support.django_messages import django_defaults_in

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "staff", "academy_admin", "ics_lead", "national_admin")
# Every text field of a demo row that pages show, so the walk finds no "Demo" the seed wrote into a name.
DEMO_TEXT_FIELDS = {
    Cohort: ["name", "venue"],
    Academy: ["name", "summary"],
    IntegratedCareSystem: ["name"],
    Organisation: ["name"],
    User: ["full_name"],
    ImprovementProject: ["title", "aim", "measure", "baseline", "result", "teams", "review_note"],
    FeedbackResponse: ["comments"],
}
# How a model's demo rows are found, where it has no is_demo of its own.
DEMO_ROWS = {FeedbackResponse: {"cohort__is_demo": True}}
# The demo accounts the walk signs in as too, on every signed-in page and their own records' pages, and the real
# role whose page before the demo (with a newcomer's, who has nothing yet) is their page's baseline.
DEMO_ROLES = {"demo_staff": "staff", "demo_participant": "staff", "demo_academy_admin": "academy_admin"}
NEWCOMER = "newcomer"
FIXED_REFRESH = timezone.make_aware(datetime(2026, 1, 5, 9, 30))
# Each walk renders several hundred pages as each role, twice, around seed_demo: more than the default timeout on a
# loaded machine.
WALK_TIMEOUT = 900
FINDER_ANSWERS = "profession=nurse&goal=first_role&band=band_5"
# A real academy that runs a coaching register (source 004), for the real coach and the academy admin's register page.
REGISTER_ACADEMY = "surrey-heartlands-academy"


@pytest.fixture
def world():
    return world_made()


def world_made():
    """Clients signed in as each real role on the real catalogue, and the real member of staff."""
    call_command("load_catalogue", stdout=StringIO())
    ics = IntegratedCareSystemFactory()
    IntegratedCareSystemFactory()  # a national admin sees more than one system before the demo adds any
    staff = UserFactory(with_profile=True, profile__organisation=OrganisationFactory(ics=ics))
    academy_admin = AcademyAdminFactory(academy=Academy.objects.get(slug="nhs-leadership-academy")).user
    AcademyAdminFactory(user=academy_admin, academy=Academy.objects.get(slug=REGISTER_ACADEMY))
    real_coach(staff)
    ApplicationFactory(applicant=staff)  # a real application, so the staff member's list is there before the demo
    real_outcomes(staff, ics)
    users = {
        "staff": staff,
        "academy_admin": academy_admin,
        "ics_lead": IcsLeadFactory(ics=ics).user,
        "national_admin": UserFactory(national_admin=True),
    }
    clients = {role: Client() for role in ROLES}
    for role, user in users.items():
        clients[role].force_login(user)
    return clients, staff


def real_coach(staff) -> CoachProfile:
    """A real coach on the register, whom the staff member could ask: the register's counts are not all demo."""
    return CoachProfileFactory(
        academy=Academy.objects.get(slug=REGISTER_ACADEMY),
        region=staff.profile.organisation.ics.region,
        meets_online=True,
        dimensions=list(FrameworkElement.objects.filter(framework__slug=HLM_FRAMEWORK_SLUG)[:2]),
        professions=[staff.profile.profession],
        career_stages=list(CareerStage.objects.all()[:1]),
    )


def real_outcomes(staff, ics) -> None:
    """Real records of issue 20's apps, so that their pages have their lists and tables before the demo adds to
    them: an ended cohort at the real academy admin's academy with enough feedback and a published project, and
    the real staff member's own project, answered follow-up and two self-assessments."""
    academy = Academy.objects.get(slug=REGISTER_ACADEMY)
    programme = Programme.objects.get(slug="mary-seacole-programme")
    ended = EndedCohortFactory(academy=academy, programme=programme, ics=ics)
    place = ApplicationFactory(accepted=True, cohort=ended)
    ImprovementProjectFactory(application=place, public=True, show_name=True, ics=ics)
    FeedbackResponseFactory.create_batch(5, cohort=ended)
    feedback_closed(ended)  # its results show only once its feedback has closed
    ImprovementProjectFactory(application=ApplicationFactory(accepted=True, applicant=staff))
    FollowUpFactory(
        application=completed_place(months_ago=6, applicant=staff),
        role_changed=True,
        band="band_6",
        new_responsibilities=False,
        answered_at=timezone.now(),
    )
    dimensions = list(model_dimensions())
    assessment_taken(staff, dimensions, 2, taken_at=timezone.now() - timedelta(days=30))
    assessment_taken(staff, dimensions, 3)


def refresh_reports():
    reports_refresh()
    ReportsRefresh.objects.update(finished_at=FIXED_REFRESH)  # the same "Figures as at" on both walks
    cache.clear()


def add_demo_data(staff):
    """seed_demo's rows, renamed so no name says Demo, and a real person's accepted place in a demo cohort."""
    demo_seed(today=timezone.localdate())
    for model, fields in DEMO_TEXT_FIELDS.items():
        model.objects.filter(**DEMO_ROWS.get(model, {"is_demo": True})).update(
            **{name: Replace(F(name), Value("Demo"), Value("Zeta")) for name in fields}
        )
    cohort = Cohort.objects.filter(is_demo=True).order_by("pk").first()
    ApplicationFactory(applicant=staff, cohort=cohort, accepted=True, organisation=staff.profile.organisation)
    refresh_reports()


def pages() -> list[str]:
    """Every public page and report of the portal as it now is, and the coaching register's pages."""
    paths = [
        reverse("home"),
        reverse("about"),
        reverse("programmes:list"),
        reverse("programmes:list") + "?open_now=yes",
        reverse("programmes:list") + "?region=north-west&region=south-east&region=midlands",
        reverse("programmes:list") + "?sort=start",
        reverse("programmes:finder"),
        reverse("programmes:finder") + "?" + FINDER_ANSWERS,
        reverse("academies:list"),
        reverse("reporting:systems"),
        reverse("reporting:national"),
        reverse("reporting:national_funnel"),
        reverse("coaching:register"),
        reverse("coaching:register") + "?meets=online&offers=coaching",
        reverse("coaching:suggestions"),
        reverse("coaching:academy"),
    ]
    for slug in Programme.objects.values_list("slug", flat=True):
        paths += [reverse("programmes:detail", args=[slug]), reverse("programmes:cohorts", args=[slug])]
    for slug in Academy.objects.values_list("slug", flat=True):
        paths += [reverse("academies:detail", args=[slug]), reverse("academies:cohorts", args=[slug])]
    for slug in IntegratedCareSystem.objects.values_list("slug", flat=True):
        paths += [reverse("reporting:ics_dashboard", args=[slug]), reverse("reporting:ics_funnel", args=[slug])]
    for pk in CoachProfile.objects.values_list("pk", flat=True):
        paths.append(reverse("coaching:coach_detail", args=[pk]))
    return paths + outcome_pages() + signed_in_pages()


def outcome_pages() -> list[str]:
    """The pages of issue 20's apps: the showcase and its projects, and each person's and academy's own pages."""
    paths = [
        reverse("improvement:showcase"),
        reverse("improvement:systems"),
        reverse("improvement:mine"),
        reverse("improvement:review_list"),
        reverse("progression:mine"),
        reverse("selfassessment:mine"),
        reverse("selfassessment:academy"),
        reverse("evaluation:academy_feedback"),
    ]
    for pk in Programme.objects.filter(slug="mary-seacole-programme").values_list("pk", flat=True):
        paths.append(f"{reverse('improvement:showcase')}?programme={pk}")
    for pk in ImprovementProject.objects.values_list("pk", flat=True):
        paths += [reverse(name, args=[pk]) for name in ("improvement:public_project", "improvement:project_detail")]
        paths.append(reverse("improvement:review", args=[pk]))
    for pk in SelfAssessment.objects.values_list("pk", flat=True):
        paths.append(reverse("selfassessment:detail", args=[pk]))
    for pk in Cohort.objects.filter(feedback_responses__isnull=False).distinct().values_list("pk", flat=True):
        paths += [reverse("evaluation:cohort_feedback", args=[pk]), reverse("evaluation:answer", args=[pk])]
    for pk in FollowUp.objects.values_list("pk", flat=True):
        paths.append(reverse("progression:change", args=[pk]))
    return paths


def signed_in_pages() -> list[str]:
    """Every signed-in page a role opens without an id of its own (and staff's applications)."""
    paths = [
        reverse("profile"),
        reverse("reporting:equality_profile"),
        reverse("coaching:profile_edit"),
        reverse("coaching:mine"),
        reverse("enrolment:applications"),
        reverse("enrolment:learning"),
        reverse("enrolment:workspace"),
        reverse("enrolment:academy_applications"),
        reverse("selfassessment:take"),
        reverse("enrolment:interests"),
        reverse("enrolment:nominations"),
        reverse("enrolment:workspace_cohort_create"),
        reverse("enrolment:workspace_webhooks"),
        reverse("enrolment:workspace_webhook_create"),
        reverse("organisation_pick"),
        reverse("organisation_unlisted"),
        reverse("unlisted_organisations"),
        reverse("roles:home"),
        reverse("roles:invite"),
        reverse("roles:api_tokens"),
        reverse("roles:api_token_create"),
    ]
    paths += [reverse("enrolment:apply", args=[slug]) for slug in {cohort.programme_slug for cohort in DEMO_COHORTS}]
    for pk in Application.objects.values_list("pk", flat=True):
        paths.append(reverse("enrolment:application_detail", args=[pk]))
    return paths


def demo_account_pages() -> list[str]:
    """The pages the demo accounts are walked on: issue 20's, every signed-in one, and the academy workspace's pages
    of the demo cohorts and their applications."""
    paths = outcome_pages() + signed_in_pages()
    for pk in Cohort.objects.filter(is_demo=True).values_list("pk", flat=True):
        paths += [reverse(name, args=[pk]) for name in ("enrolment:workspace_cohort", "enrolment:workspace_outcomes")]
        paths.append(reverse("enrolment:workspace_allocations", args=[pk]))
    for pk in Application.objects.filter(cohort__is_demo=True).values_list("pk", flat=True):
        paths.append(reverse("enrolment:academy_application", args=[pk]))
    return paths


# Pages a role opens without an id that the walk leaves out, and why none can show a demo fact the walk would miss.
NOT_WALKED = {
    "progression:answered": "a thank-you page with no data",
    "healthz_ready": "the load balancers' health check",
    "password_reset_complete": "a fixed message",
    "personal_data_download": "the person's own data, as a file (tests/portal/test_personal_data.py)",
    "personal_data_erase": "a confirmation of erasing the person's own account",
    "login": "the log-in form",
    "register": "the registration form",
    "password_reset": "the password reset form",
    "password_reset_done": "a fixed message",
    "api:schema": "the API's schema, no data",
    "api:docs": "the API's documentation, no data",
    "api:programmes": "JSON whose demo records carry is_demo (tests/api/test_public_catalogue.py)",
    "api:academies": "JSON whose demo records carry is_demo (tests/api/test_public_catalogue.py)",
    "api:cohorts": "JSON whose demo records carry is_demo (tests/api/test_public_catalogue.py)",
}


def demo_clients() -> dict[str, Client]:
    """Signed in as the demo's own accounts: their pages show demo records to the person they are about."""
    accounts = {
        "demo_staff": STAFF_ACCOUNT,
        "demo_participant": PARTICIPANT_ACCOUNT,
        "demo_academy_admin": ACADEMY_ADMIN_ACCOUNT,
    }
    clients = {}
    for role, account in accounts.items():
        clients[role] = Client()
        clients[role].force_login(User.objects.get(email=account.email))
    return clients


def walk(clients, paths: list[str] | None = None) -> dict[tuple[str, str], str]:
    """(role, path): the page, for each page a role may open (of `paths`, by default every one)."""
    seen = {}
    for path in pages() if paths is None else paths:
        for role, client in clients.items():
            response = client.get(path)
            if response.status_code == 200:
                seen[role, path] = response.content.decode()
    return seen


def demo_walk(clients, staff) -> tuple[dict, dict]:
    """The pages before the demo data is added and after."""
    refresh_reports()
    newcomer = Client()
    newcomer.force_login(UserFactory(with_profile=True))
    before = walk(clients) | walk({NEWCOMER: newcomer}, demo_account_pages())
    add_demo_data(staff)
    after = walk(clients) | walk(demo_clients(), demo_account_pages())
    return before, after


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker) -> tuple[dict, dict]:
    """demo_walk's pages, walked once for the module's tests (the walk is nearly all of their time), in a
    transaction rolled back after it so that no test sees its rows."""
    with django_db_blocker.unblock(), transaction.atomic():
        pages = demo_walk(*world_made())
        transaction.set_rollback(True)
    return pages


@pytest.fixture(scope="module")
def found(walked) -> list:
    """Every demo fact the walk's pages show without a Demo label."""
    before, after = walked
    facts = []
    for (role, path), html in after.items():
        facts += unlabelled_demo_facts(f"{role} {path}", baseline(before, role, path), html)
    return facts


def baseline(before: dict, role: str, path: str) -> str | None:
    """The page before the demo: a real role's own; for a demo account, its real counterpart's and a newcomer's
    together. A page no one had (about a demo account's own record) has none, so it must say Demo in its heading."""
    if role not in DEMO_ROLES:
        return before.get((role, path))
    pages = [before.get((DEMO_ROLES[role], path)), before.get((NEWCOMER, path))]
    return "".join(page for page in pages if page is not None) or None


@pytest.mark.timeout(WALK_TIMEOUT)
def test_every_fact_demo_data_brings_to_a_page_says_demo(found):
    unlabelled = [str(fact) for fact in found if not fact.in_programme_action]
    assert unlabelled == [], "Demo facts without a Demo label:\n" + "\n".join(unlabelled)


@pytest.mark.timeout(WALK_TIMEOUT)
def test_the_programme_page_button_says_when_only_a_demo_cohort_is_open(found):
    unlabelled = [str(fact) for fact in found if fact.in_programme_action]
    assert unlabelled == [], "Demo facts without a Demo label:\n" + "\n".join(unlabelled)


@pytest.mark.timeout(WALK_TIMEOUT)
def test_no_page_as_any_role_shows_a_django_default_message_or_an_empty_choice_dash(walked):
    _, after = walked
    pages = {(role, path): html for (role, path), html in after.items() if role in ROLES}
    assert len(pages) > 100, "the walk met too few pages to mean anything"
    found = [f"{role} {path}: {text}" for (role, path), html in pages.items() for text in django_defaults_in(html)]

    assert found == [], "Django's own texts on the portal's pages:\n" + "\n".join(found)


@pytest.fixture
def demo_tag_blanked(settings):
    """templates/includes/demo_tag.html as if it printed nothing."""
    template = settings.TEMPLATES[0]
    loaders = [
        ("django.template.loaders.locmem.Loader", {"includes/demo_tag.html": ""}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = [{**template, "APP_DIRS": False, "OPTIONS": {**template["OPTIONS"], "loaders": loaders}}]


def test_the_walk_fails_when_the_demo_tag_is_taken_away(world, demo_tag_blanked):
    """Proof that the walk can fail: with the Demo tag blanked, the catalogue's demo facts are found unlabelled."""
    _, staff = world
    path = reverse("programmes:list")
    refresh_reports()
    before = Client().get(path).content.decode()
    add_demo_data(staff)
    found = unlabelled_demo_facts(path, before, Client().get(path).content.decode())

    texts = " | ".join(fact.text for fact in found)
    assert "Open now" in texts and "Next cohort starts" in texts, texts


def test_the_walk_visits_every_page_a_role_opens_without_an_id():
    """A new page fails this until the walk visits it or NOT_WALKED says why it need not."""
    call_command("load_catalogue", stdout=StringIO())  # outcome_pages() names a catalogue programme
    walked = {resolve(path.split("?")[0]).view_name for path in pages()}
    opened = set()
    for (name, method), codes in parse(MATRIX).items():
        if method == "GET" and "200" in codes and takes_no_argument(name):
            opened.add(name)

    missing = sorted(opened - walked - set(NOT_WALKED))
    assert missing == [], ", ".join(missing)
    assert sorted(set(NOT_WALKED) - opened) == [], "NOT_WALKED names a page no role opens without an id"


def takes_no_argument(name: str) -> bool:
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
