"""Fill the database with a national-scale, made-up data set, to measure the reports against."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from devdata.scale import ScaleError, ScaleSeeder, Shape
from reporting.services import reports_refresh

BAR_WIDTH = 30
OPEN_ACCESS_MINIMUM = 20  # one programme in 20 is open access: fewer would leave none


class ProgressBar:
    """Redraws one line on a terminal; elsewhere (a log, a test) writes a line at each tenth."""

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total = stdout, label, max(total, 1)
        self.tty = getattr(stdout, "isatty", lambda: False)()
        self.started = time.monotonic()
        self.shown_tenth = -1

    def __call__(self, done: int) -> None:
        tenth = done * 10 // self.total
        if not self.tty and tenth == self.shown_tenth:
            return
        self.shown_tenth = tenth
        filled = done * BAR_WIDTH // self.total
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        line = f"{self.label:<24} [{bar}] {done * 100 // self.total:3d}%  {done:,} of {self.total:,}"
        line += f"  {time.monotonic() - self.started:.0f}s"
        if self.tty:
            self.stdout.write("\r" + line, ending="\n" if done >= self.total else "")
        else:
            self.stdout.write(line)
        self.stdout.flush()


class Command(BaseCommand):
    help = (
        "Add a made-up national data set (all marked demo): 42 systems, 200,000 staff, 1,000,000 applications "
        "over three years, 500 programmes, 5,000 cohorts. Running it again with the same counts adds nothing; "
        "with more applications it adds the rest."
    )

    def add_arguments(self, parser):
        defaults = Shape()
        for name in ("staff", "applications", "programmes", "cohorts", "systems", "enrolments"):
            default = getattr(defaults, name)
            parser.add_argument(f"--{name}", type=int, default=default, help=f"default {default:,}")
        parser.add_argument("--batch-size", type=int, default=defaults.batch_size)
        parser.add_argument("--no-refresh", action="store_true", help="Leave the reports' tables as they are.")
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off. Never on a live site's database."
        )

    def handle(self, *args, force, no_refresh, batch_size, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to add a million made-up rows: DEBUG is off, so this may be a live site. "
                "Use --force only on a database made for measuring."
            )
        counts = {name: options[name] for name in Shape.__dataclass_fields__ if name in options}
        shape = Shape(batch_size=batch_size, **counts)
        if min(shape.staff, shape.programmes, shape.cohorts, shape.systems, shape.batch_size) < 1:
            raise CommandError("--staff, --programmes, --cohorts, --systems and --batch-size must be at least 1.")
        if shape.programmes < OPEN_ACCESS_MINIMUM or shape.cohorts < shape.programmes:
            raise CommandError(
                f"Give at least {OPEN_ACCESS_MINIMUM} programmes (one in 20 is open access) and at least as many "
                "cohorts as programmes."
            )
        started = time.monotonic()
        seeder = ScaleSeeder(shape, progress=lambda label, total: ProgressBar(self.stdout, label, total))
        try:
            added = seeder.run()
        except ScaleError as error:
            raise CommandError(str(error)) from error
        if not any(added.values()):
            self.stdout.write(
                f"Nothing to add: the scale data set already has {shape.staff:,} staff and "
                f"{shape.applications:,} applications."
            )
            return
        if not no_refresh:
            self.stdout.write("Working out the reports' figures...")
            refresh = reports_refresh()
            self.stdout.write(f"Reports refreshed in {refresh.seconds:.1f}s ({refresh.facts:,} facts).")
        summary = ", ".join(f"{count:,} {noun}" for noun, count in added.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {time.monotonic() - started:.0f}s."))
