"""Work out the reports' figures now, as beat's refresh_reports does every 15 minutes: `make run` runs it at start."""

from django.core.management.base import BaseCommand

from reporting.tasks import refresh_reports


class Command(BaseCommand):
    help = "Rebuild the reporting tables the dashboards read, now."

    def handle(self, *args, **options):
        facts = refresh_reports()
        self.stdout.write(f"Reports refreshed: {facts:,} facts.")
