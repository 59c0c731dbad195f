"""`manage.py link_ods FILE`: links funded schemes' allocations, academies and cohorts to integrated care systems
by ODS code, from a CSV file the user provides (the layout is in enrolment.services.ods_links)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enrolment.services.ods_links import OdsLinkError, ods_links_apply


class Command(BaseCommand):
    help = "Link allocations, academies and cohorts to ICSs by ODS code, from a CSV file: kind,key,ods_code."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A CSV file with the header kind,key,ods_code.")

    def handle(self, *args, file, **options):
        path = Path(file)
        self.stdout.write(f"Linking from {path}")
        progress = self.stdout.write if options["verbosity"] else None
        try:
            counts = ods_links_apply(path=path, progress=progress)
        except OdsLinkError as error:
            raise CommandError(f"{error} Nothing was linked.") from error
        self.stdout.write(self.style.SUCCESS(f"{counts.linked} linked, {counts.unchanged} already linked."))
