"""`manage.py import_ods FILE...`: regions, systems and organisations from the NHS Organisation Data Service's files.

Each file is imported whole or not at all, parents first (regions, then ICBs, then trusts and GP practices),
whatever order they are given in; running it again on the same files changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from portal.ods import KINDS, ImportCounts, OdsFileError, ods_file, ods_file_import

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Create and update regions, ICSs and organisations by ODS code from ODS's published CSV files."

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="etr.csv (NHS trusts), epraccur.csv (GP practices), eicb.csv (ICBs), or KIND:FILE for any file, "
            f"KIND one of {', '.join(KINDS)}.",
        )

    def handle(self, *args, files, **options):
        try:
            specs = sorted((ods_file(spec) for spec in files), key=lambda ods: KINDS.index(ods.kind))
        except OdsFileError as error:
            raise CommandError(str(error)) from error
        for ods in specs:
            self.stdout.write(f"Importing {ods.path} ({ods.kind})")
            try:
                counts = ods_file_import(ods=ods, progress=self._bar if options["verbosity"] else None)
            except OdsFileError as error:
                raise CommandError(f"{error} Nothing was imported from this file.") from error
            self.stdout.write(self._summary(counts))
        self.stdout.write(self.style.SUCCESS("ODS files imported."))

    def _bar(self, done: int, total: int) -> None:
        step = max(total // 20, 1)
        if done % step and done != total:
            return
        filled = BAR_WIDTH * done // total
        self.stderr.write(f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total}", ending="")
        if done == total:
            self.stderr.write("")

    @staticmethod
    def _summary(counts: ImportCounts) -> str:
        return (
            f"  {counts.created} created, {counts.updated} updated, {counts.unchanged} unchanged, "
            f"{counts.skipped} skipped (not GP practices), {counts.closed} closed."
        )
