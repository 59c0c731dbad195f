"""Seed made-up systems, academies, cohorts and one sign-in per role on top of the loaded catalogue."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from devdata.demo import DEMO_PASSWORD, CatalogueNotLoaded, demo_seed


class Command(BaseCommand):
    help = "Add demo data (all marked is_demo) and demo accounts with a known password. Local use only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off. Demo accounts share a published password: never use in production.",
        )

    def _progress(self, step: str) -> None:
        self.stdout.write(f"Seeding {step}...")
        self.stdout.flush()

    def handle(self, *args, force: bool, **options):
        # Accounts with a published password must never reach a live site by accident.
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to seed demo data: DEBUG is off, so this may be a live site, and the demo accounts "
                "have a published password. Use --force only on a machine nobody else can reach."
            )
        try:
            report = demo_seed(today=timezone.localdate(), progress=self._progress)
        except CatalogueNotLoaded as error:
            raise CommandError(str(error)) from error

        self.stdout.write(self.style.SUCCESS("Demo data is in place (every row is marked is_demo)."))
        for heading, rows in report["sections"].items():
            self.stdout.write(f"\n{heading}:")
            for label, created in rows:
                self.stdout.write(f"  {'created ' if created else 'existing'}  {label}")
        if report["skipped"]:
            self.stdout.write("\nSkipped:")
            for reason in report["skipped"]:
                self.stdout.write(self.style.WARNING(f"  {reason}"))
        self.stdout.write(f"\nDemo sign-ins, all with the password {DEMO_PASSWORD!r} (local use only):")
        for email, role in report["logins"]:
            self.stdout.write(f"  {email:<30} {role}")
