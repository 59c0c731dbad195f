"""schema.org Course data (JSON-LD) for a programme page, so search engines can list the course and its cohorts.

Like the page, it says only what the catalogue says: a fact the sources do not give is left out. Demo data is
never in it: search engines would not see the Demo label, so a demo cohort is no course instance, and a demo
programme has no course data at all.
"""

from enrolment.models import Cohort
from programmes.models import Programme


def course_data(programme: Programme, cohorts: list[Cohort], *, url: str) -> dict | None:
    if programme.is_demo:
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": programme.title,
        "description": programme.summary,
        "url": url,
    }
    if programme.provider:
        data["provider"] = {"@type": "Organization", "name": programme.provider.name}
    if programme.audience:
        data["audience"] = {"@type": "Audience", "audienceType": programme.audience}
    if programme.qualification:
        data["educationalCredentialAwarded"] = programme.qualification
    if programme.duration_months:
        data["timeRequired"] = f"P{programme.duration_months}M"
    if programme.cost == Programme.Cost.FREE:
        data["isAccessibleForFree"] = True
        data["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "GBP", "category": "Free"}
    teaches = [area.name for area in programme.development_areas.all()]
    if teaches:
        data["teaches"] = teaches
    instances = [course_instance(cohort) for cohort in cohorts if not cohort.is_demo]
    if instances:
        data["hasCourseInstance"] = instances
    return data


def course_instance(cohort: Cohort) -> dict:
    instance = {
        "@type": "CourseInstance",
        "name": cohort.name,
        "courseMode": "online" if cohort.is_online else "onsite",
        "startDate": cohort.starts_on.isoformat(),
        "endDate": cohort.ends_on.isoformat(),
        "organizer": {"@type": "Organization", "name": cohort.academy.name},
    }
    if cohort.venue and not cohort.is_online:
        instance["location"] = {"@type": "Place", "name": cohort.venue}
    return instance
