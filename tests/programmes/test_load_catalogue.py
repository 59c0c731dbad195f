"""The real catalogue: every sourced fact loads, loads once however often it runs, and a bad file writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from academies.models import Academy
from portal.models import Region
from programmes.catalogue import CatalogueError, catalogue_load
from programmes.models import Framework, FundedScheme, Programme, SchemeAllocation
from tests.programmes.catalogue_files import CATALOGUE_MODELS, catalogue_with, snapshot

# Every programme catalogue-facts.md names, by the title the catalogue gives it.
PROGRAMMES_IN_THE_FACTS = [
    "Mary Seacole programme",
    "Edward Jenner programme",
    "Elizabeth Garrett Anderson programme",
    "Stepping Up programme",
    "Ready Now programme",
    "Aspiring Chief Executives programme",
    "Tailored support for aspiring BME leaders",
    "Leadership for Change Programme",
    "System Leadership – Local Vision",
    "Future Clinical Commissioning Leaders programme",
    "Rapid improvement support programme",
    "Tailored training offer for STP leaders",
    "Accelerated Director Development Scheme (ADDS)",
    "Talent Development Centre Model",
    "Advancing Change and Transformation (ACT) team support",
    "Virginia Mason Institute partnership",
    "NHS Clinical Leaders Network (CLN)",
    "Faculty of Medical Leadership and Management (FMLM)",
    "Royal College of Nursing leadership programmes",
    "Senior Clinical Leaders",
    "Clinical Directors and Lead Clinicians",
    "Leadership for consultants",
    "Emerging clinical leaders and clinical leadership in the independent health care sector",
    "LeAD e-learning",
    "Frimley Health and Care 2020 leadership development programme",
    "Surrey 500",
    "Fylde Coast 100 Systems Leader Programme",
    "North Cumbria Health and Care leadership model",
    "Leading Greater Manchester programme",
]


@pytest.mark.django_db
def test_loads_every_programme_named_in_the_catalogue_facts():
    catalogue_load()

    titles = set(Programme.objects.values_list("title", flat=True))
    assert set(PROGRAMMES_IN_THE_FACTS) <= titles
    assert Region.objects.count() == 7
    assert Framework.objects.get(slug="healthcare-leadership-model").elements.count() == 9
    assert Framework.objects.get(slug="clinical-leadership-competency-framework").elements.count() == 5
    assert Framework.objects.get(slug="developing-people-improving-care").elements.count() == 5
    assert Framework.objects.get(slug="improvement-methods").elements.count() == 8


@pytest.mark.django_db
def test_second_run_changes_no_row_count_and_no_value():
    first_counts = catalogue_load().counts
    first = snapshot()

    second_counts = catalogue_load().counts

    assert second_counts == first_counts
    assert snapshot() == first
    for model in CATALOGUE_MODELS:
        assert model.objects.count() == first_counts[model.__name__]


@pytest.mark.django_db
def test_every_programme_academy_scheme_and_framework_cites_a_source_and_is_not_demo():
    catalogue_load()

    for model in (Programme, Academy, FundedScheme, Framework):
        assert model.objects.exists()
        assert not model.objects.filter(sources__isnull=True).exists(), model.__name__
    for model in (Programme, Academy, FundedScheme):
        assert not model.objects.filter(is_demo=True).exists(), model.__name__


@pytest.mark.django_db
def test_edward_jenner_is_open_access_and_free_with_no_cpd_hours_invented():
    catalogue_load()

    jenner = Programme.objects.get(title="Edward Jenner programme")
    assert jenner.access == Programme.Access.OPEN_ACCESS
    assert jenner.is_open_access
    assert jenner.cost == Programme.Cost.FREE
    assert jenner.format == Programme.Format.ONLINE_SELF_PACED
    assert jenner.open_to_all_professions
    assert jenner.cpd_hours is None
    assert "revalidation" in jenner.cpd_note
    assert jenner.provider.slug == "nhs-leadership-academy"


@pytest.mark.django_db
def test_mary_seacole_is_blended_and_six_months_and_says_nothing_its_source_does_not():
    """Source 004 says neither how to join it, nor who it is for, nor what it costs."""
    catalogue_load()

    seacole = Programme.objects.get(title="Mary Seacole programme")
    assert seacole.access == ""
    assert seacole.format == Programme.Format.BLENDED
    assert seacole.duration_months == 6
    assert (seacole.audience, seacole.cost, seacole.cpd_hours) == ("", "", None)
    assert not seacole.career_stages.exists()
    assert "first-level" not in seacole.summary


@pytest.mark.django_db
def test_only_edward_jenner_says_how_it_is_joined():
    """How a programme is joined is an academy's operational fact; only Edward Jenner's open access is sourced."""
    catalogue_load()

    assert dict(Programme.objects.exclude(access="").values_list("slug", "access")) == {
        "edward-jenner-programme": Programme.Access.OPEN_ACCESS
    }


@pytest.mark.django_db
def test_no_positive_action_note_claims_how_eligibility_is_checked():
    catalogue_load()

    notes = dict(Programme.objects.exclude(positive_action_note="").values_list("slug", "positive_action_note"))
    assert set(notes) == {"stepping-up-programme", "ready-now-programme", "tailored-support-for-aspiring-bme-leaders"}
    for note in notes.values():
        assert "declaration" not in note
        assert "do not say how eligibility is checked" in note or "does not say how eligibility is checked" in note


@pytest.mark.django_db
def test_no_provider_is_claimed_where_the_sources_name_none():
    """Funders of System Leadership – Local Vision; 'delivered on behalf of' the Bedfordshire and Hertfordshire
    Talent Forum; four leadership models whose runners source 000 does not name."""
    catalogue_load()

    assert set(Programme.objects.filter(provider=None).values_list("slug", flat=True)) == {
        "system-leadership-local-vision",
        "accelerated-director-development-scheme",
        "frimley-health-and-care-2020-leadership-development-programme",
        "fylde-coast-100-systems-leader-programme",
        "north-cumbria-health-and-care-leadership-model",
        "leading-greater-manchester-programme",
    }


@pytest.mark.django_db
def test_only_bodies_the_source_calls_academies_are_system_academies():
    catalogue_load()

    assert set(Academy.objects.filter(kind=Academy.Kind.SYSTEM_ACADEMY).values_list("slug", flat=True)) == {
        "surrey-heartlands-academy",
        "cheshire-merseyside-stp-academy",
    }
    names = " ".join(Academy.objects.values_list("name", flat=True))
    for model in ("Frimley", "Fylde", "Cumbria", "Greater Manchester", "Talent Forum"):
        assert model not in names


@pytest.mark.django_db
def test_who_a_system_programme_includes_is_not_a_limit_on_who_may_join():
    catalogue_load()

    for slug in (
        "frimley-health-and-care-2020-leadership-development-programme",
        "north-cumbria-health-and-care-leadership-model",
        "faculty-of-medical-leadership-and-management",
    ):
        assert not Programme.objects.get(slug=slug).professions.exists(), slug
    north_cumbria = Programme.objects.get(slug="north-cumbria-health-and-care-leadership-model")
    assert "includes voluntary sector staff and care home providers" in north_cumbria.summary


@pytest.mark.django_db
def test_the_facts_source_000_gives_are_carried():
    """Surrey Heartlands' reported results, the 14 ICSs and STPs, and the national collaborative."""
    catalogue_load()

    surrey = Academy.objects.get(slug="surrey-heartlands-academy").description
    for result in (
        "24/7 advice line for pregnant women",
        "seven per cent decrease in GP referrals to outpatients",
        "Guildford & Waverley",
        "3,600 unnecessary nights in hospital",
        "around £4 million",
    ):
        assert result in surrey
    fund = FundedScheme.objects.get(slug="nhs-england-system-leadership-development-fund").description
    assert "14 Integrated Care Systems (ICS) and Sustainability and Transformation Partnerships" in fund
    assert "plans for a national collaborative" in fund


@pytest.mark.django_db
def test_ae_localities_are_not_whole_regions_and_the_scheme_names_no_funder():
    """Source 003 groups nine localities under the NHS regions of 2017; a locality is not a region, so none is linked
    to one (which would count a whole region's enrolments towards it), and the source gives no funder."""
    catalogue_load()

    scheme = FundedScheme.objects.get(slug="ae-improvement-programme-systems-leadership-support")
    assert dict(scheme.allocations.values_list("area_name", "region")) == {
        "Central Lancashire": None,
        "North Merseyside": None,
        "West Hertfordshire": None,
        "North & East Hertfordshire": None,
        "Nottingham": None,
        "East Kent": None,
        "Cornwall": None,
        "Imperial": None,
        "Barnet & Enfield": None,
    }
    notes = dict(scheme.allocations.values_list("area_name", "note"))
    assert notes["Central Lancashire"] == "Grouped in the source under the NHS region ‘North’"
    assert notes["Nottingham"].endswith("The pilot locality")
    assert (scheme.funder, scheme.amount_gbp) == ("", None)
    assert list(scheme.sources.values_list("code", flat=True)) == ["003"]


@pytest.mark.django_db
def test_surrey_500_target_is_an_allocation_an_ics_lead_can_count_against():
    catalogue_load()

    allocation = SchemeAllocation.objects.get(scheme__slug="surrey-500", area_name="Surrey Heartlands")
    assert allocation.target_leaders == 500
    assert allocation.amount_gbp is None
    assert list(allocation.scheme.programmes.values_list("title", flat=True)) == ["Surrey 500"]


BROKEN_PROGRAMME = '[[programmes]]\nslug = "broken-programme"\ntitle = "Broken"\nsummary = "Broken."\n'


UNKNOWN_REFERENCES = {
    "source code": ('sources = ["999"]', "unknown source code '999'"),
    "academy slug": ('provider = "no-such-academy"\nsources = ["004"]', "unknown academy 'no-such-academy'"),
    "profession slug": (
        'provider = "nhs-leadership-academy"\nprofessions = ["astronaut"]\nsources = ["004"]',
        "unknown profession 'astronaut'",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("lines, message", UNKNOWN_REFERENCES.values(), ids=UNKNOWN_REFERENCES.keys())
def test_unknown_reference_raises_naming_the_record_and_writes_nothing(tmp_path, lines, message):
    path = catalogue_with(tmp_path, f"{BROKEN_PROGRAMME}{lines}\n")

    with pytest.raises(CatalogueError, match="broken-programme") as raised:
        catalogue_load(path=path)

    assert message in str(raised.value)
    for model in CATALOGUE_MODELS:
        assert not model.objects.exists(), model.__name__


@pytest.mark.django_db
def test_invalid_file_leaves_an_already_loaded_catalogue_unchanged(tmp_path):
    catalogue_load()
    before = snapshot()
    path = catalogue_with(
        tmp_path, f'[[regions]]\nslug = "atlantis"\nname = "Atlantis"\n\n{BROKEN_PROGRAMME}sources = ["999"]\n'
    )
    path.write_text(path.read_text(encoding="utf-8").replace("duration_months = 6", "duration_months = 7"))

    with pytest.raises(CatalogueError, match="unknown source code '999'"):
        catalogue_load(path=path)

    assert snapshot() == before


@pytest.mark.django_db
def test_record_citing_no_source_is_refused(tmp_path):
    path = catalogue_with(tmp_path, f'{BROKEN_PROGRAMME}provider = "nhs-leadership-academy"\n')

    with pytest.raises(CatalogueError, match="programme 'broken-programme': cites no source"):
        catalogue_load(path=path)

    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_command_prints_the_counts():
    out = StringIO()
    call_command("load_catalogue", stdout=out)

    assert f"Programme: {Programme.objects.count()}" in out.getvalue()
    assert "SchemeAllocation: 10" in out.getvalue()
