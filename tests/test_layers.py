"""The layer contracts (import-linter, [tool.importlinter] in pyproject.toml): they hold on the code, a forbidden
import breaks them, and every app of the portal is under them."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def contracts() -> dict:
    with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]


def lint_imports(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def copy_of_the_apps(tmp_path) -> Path:
    """The apps and the contracts, copied where a test may add an import without touching the real code."""
    base = Path(settings.BASE_DIR)
    for package in contracts()["root_packages"]:
        shutil.copytree(base / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(base / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_module(root: Path, dotted: str, source: str) -> None:
    (root / Path(*dotted.split("."))).with_suffix(".py").write_text(source)


def test_the_code_keeps_every_contract(copy_of_the_apps):
    result = lint_imports(copy_of_the_apps)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        # The base layer reaching up to a domain app, as portal/views.py once did for the home page.
        ("portal.layer_probe", "from programmes.models import Programme  # noqa\n", "portal is not allowed to import"),
        # The catalogue reaching up to cohorts, as programmes/views.py once did.
        ("programmes.layer_probe", "import enrolment.models  # noqa\n", "programmes is not allowed to import"),
        # Any app reaching the settings package, even indirectly through another module.
        ("reporting.layer_probe", "import config.urls  # noqa\n", "reporting is not allowed to import config"),
        # The programme page shows improvement projects through portal's panel registry, never by importing them.
        (
            "enrolment.discovery.layer_probe",
            "import improvement.selectors  # noqa\n",
            "enrolment is not allowed to import improvement",
        ),
        # Enrolment and coaching are independent of each other.
        ("coaching.layer_probe", "from enrolment.models import Cohort  # noqa\n", "coaching is not allowed to import"),
    ],
)
def test_a_forbidden_import_breaks_the_contracts(copy_of_the_apps, module, source, broken):
    add_module(copy_of_the_apps, module, source)
    result = lint_imports(copy_of_the_apps)
    assert result.returncode != 0
    assert broken in result.stdout
    assert module in result.stdout


def test_every_app_of_the_portal_is_under_the_contracts():
    """A new app must take its place in the layers (and in docs/architecture.md) before it can land."""
    base = Path(settings.BASE_DIR).resolve()
    own_apps = {config.name.split(".")[0] for config in apps.get_app_configs() if Path(config.path).parent == base}
    layers = contracts()["contracts"][0]["layers"]
    in_layers = {name.strip("()") for layer in layers for name in layer.replace(" ", "").split("|")}
    assert own_apps <= set(contracts()["root_packages"])
    assert own_apps <= in_layers


def test_bandit_checks_every_package_the_contracts_list():
    """scripts/test.sh takes bandit's packages from root_packages, so an app added later is checked too."""
    script = (Path(settings.BASE_DIR) / "scripts" / "test.sh").read_text().splitlines()
    bandit = next(line for line in script if "bin/bandit" in line)
    listing = next(line for line in script if line.startswith("mapfile -t packages"))
    listed = subprocess.run(
        ["bash", "-c", f'{listing}; printf "%s\\n" "${{packages[@]}}"'],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()

    assert '"${packages[@]}"' in bandit
    assert not set(bandit.split()) & set(contracts()["root_packages"]), "the list is derived, never written again"
    assert listed == contracts()["root_packages"]
