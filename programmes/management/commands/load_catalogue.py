"""`manage.py load_catalogue`: put the real catalogue in the database, or bring it up to date.

The file seeds the catalogue and leaves alone what people have edited since it was last loaded; `--check` lists
where file and database differ, and why, writing nothing; `--force` resets people's edits to the file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.catalogue import CatalogueError, LoadReport, catalogue_load


class Command(BaseCommand):
    help = "Load the catalogue (sources, regions, frameworks, academies, programmes, schemes) from its TOML file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, help="Another catalogue file (default: programmes/data/catalogue.toml)"
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--check",
            action="store_true",
            help="List every record and field where the file and the database differ, and why; change nothing.",
        )
        mode.add_argument(
            "--force", action="store_true", help="Reset every field to the file, fields edited by people included."
        )

    def handle(self, *args, path=None, check=False, force=False, **options):
        verb = "Checking" if check else "Loading"

        def progress(name: str, count: int) -> None:
            if options["verbosity"]:
                self.stdout.write(f"{verb} {name} ({count})…")

        try:
            report = catalogue_load(path=path, check=check, force=force, progress=progress)
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        if check:
            self._list_differences(report)
            return
        for model_name, count in report.counts.items():
            self.stdout.write(f"{model_name}: {count}")
        self._list_edits(report, force=force)
        self.stdout.write(self.style.SUCCESS("Catalogue loaded."))

    def _list_differences(self, report: LoadReport) -> None:
        for difference in report.differences:
            self.stdout.write(self._line(difference))
        if not report.differences:
            self.stdout.write(self.style.SUCCESS("The database holds what the file says."))
            return
        self.stdout.write(
            f"{len(report.differences)} difference(s), {len(report.edited)} of them edited by people. Nothing was "
            "changed: load_catalogue applies the file and keeps people's edits; --force resets them too."
        )

    def _list_edits(self, report: LoadReport, *, force: bool) -> None:
        if not report.edited:
            return
        heading = "Reset to the file" if force else "Kept, as people edited them (--check lists them, --force resets)"
        self.stdout.write(self.style.WARNING(f"{heading}: {len(report.edited)} field(s)"))
        for difference in report.edited:
            self.stdout.write(self._line(difference))

    @staticmethod
    def _line(difference) -> str:
        if not difference.field:
            return f"  {difference.record}: {difference.reason}"
        return (
            f"  {difference.record}, {difference.field}: {difference.reason}\n"
            f"      file: {difference.in_file}\n      database: {difference.in_database}"
        )
