"""`manage.py load_catalogue`: put the real catalogue in the database, or bring it up to date."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programmes.catalogue import CatalogueError, catalogue_load


class Command(BaseCommand):
    help = "Load the catalogue (sources, regions, frameworks, academies, programmes, schemes) from its TOML file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, help="Another catalogue file (default: programmes/data/catalogue.toml)"
        )

    def handle(self, *args, path=None, **options):
        try:
            counts = catalogue_load(path=path)
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        for model_name, count in counts.items():
            self.stdout.write(f"{model_name}: {count}")
        self.stdout.write(self.style.SUCCESS("Catalogue loaded."))
