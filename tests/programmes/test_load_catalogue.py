"""The real catalogue: every sourced fact loads, loads once however often it runs, and a bad file writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from academies.models import Academy
from portal.models import Profession, Region, SourceDocument
from programmes.catalogue import DEFAULT_PATH, CatalogueError, catalogue_load
from programmes.models import CareerStage, Framework, FrameworkElement, FundedScheme, Programme, SchemeAllocation

CATALOGUE_MODELS = [
    SourceDocument,
    Region,
    Profession,
    CareerStage,
    Framework,
    FrameworkElement,
    Academy,
    Programme,
    FundedScheme,
    SchemeAllocation,
]

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


def snapshot():
    """Every row and every link of the catalogue, to show that a reload leaves them exactly as they were."""
    rows = {}
    for model in CATALOGUE_MODELS:
        rows[model.__name__] = list(model.objects.order_by("pk").values())
        for m2m in model._meta.many_to_many:
            rows[f"{model.__name__}.{m2m.name}"] = list(m2m.remote_field.through.objects.order_by("pk").values())
    return rows


def catalogue_with(tmp_path, extra):
    """The real catalogue plus one extra record, so a failure comes after many valid rows were written."""
    path = tmp_path / "catalogue.toml"
    path.write_text(DEFAULT_PATH.read_text(encoding="utf-8") + "\n" + extra, encoding="utf-8")
    return path


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
    first_counts = catalogue_load()
    first = snapshot()

    second_counts = catalogue_load()

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
def test_mary_seacole_is_by_application_blended_and_six_months():
    catalogue_load()

    seacole = Programme.objects.get(title="Mary Seacole programme")
    assert seacole.access == Programme.Access.BY_APPLICATION
    assert seacole.format == Programme.Format.BLENDED
    assert seacole.duration_months == 6
    assert list(seacole.career_stages.values_list("slug", flat=True)) == ["new-to-leadership"]
    assert seacole.cost == ""
    assert seacole.cpd_hours is None


@pytest.mark.django_db
def test_bame_programmes_say_eligibility_is_by_own_declaration():
    catalogue_load()

    for title in ("Stepping Up programme", "Ready Now programme"):
        assert "own declaration" in Programme.objects.get(title=title).positive_action_note


@pytest.mark.django_db
def test_ae_scheme_has_nine_localities_each_with_its_region():
    catalogue_load()

    scheme = FundedScheme.objects.get(slug="ae-improvement-programme-systems-leadership-support")
    assert dict(scheme.allocations.values_list("area_name", "region__slug")) == {
        "Central Lancashire": "north-west",
        "North Merseyside": "north-west",
        "West Hertfordshire": "east-of-england",
        "North & East Hertfordshire": "east-of-england",
        "Nottingham": "midlands",
        "East Kent": "south-east",
        "Cornwall": "south-west",
        "Imperial": "london",
        "Barnet & Enfield": "london",
    }
    assert list(scheme.sources.values_list("code", flat=True)) == ["003"]


@pytest.mark.django_db
def test_surrey_500_target_is_an_allocation_an_ics_lead_can_count_against():
    catalogue_load()

    allocation = SchemeAllocation.objects.get(scheme__slug="surrey-500", area_name="Surrey Heartlands")
    assert allocation.target_leaders == 500
    assert allocation.amount_gbp is None
    assert list(allocation.scheme.programmes.values_list("title", flat=True)) == ["Surrey 500"]


@pytest.mark.django_db
def test_reload_puts_back_what_the_file_says_over_a_hand_edit():
    catalogue_load()
    Programme.objects.filter(title="Edward Jenner programme").update(cpd_hours=10, cost="fee")

    catalogue_load()

    jenner = Programme.objects.get(title="Edward Jenner programme")
    assert (jenner.cpd_hours, jenner.cost) == (None, Programme.Cost.FREE)


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
