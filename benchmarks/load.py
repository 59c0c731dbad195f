"""gunicorn on loopback, and wrk driving it: each page in interleaved repeats, between two runs of the no-work view.

Each repeat measures every page once, with the no-work view just before and just after it, so work that starts or
stops on the machine moves both sides of a ratio alike; the report gives the median of the repeats and their spread.
"""

import http.client
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .meter import Meter
from .pages import Page

VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
WRK_ERRORS = ("connect", "read", "write", "status", "timeout", "unexpected")


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    def get(self, path: str, cookie: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()

    def page(self, path: str, cookie: str = "") -> str:
        """The page's HTML; stops the benchmark unless it answers 200."""
        status, body = self.get(path, cookie)
        if status != 200:
            sys.exit(f"benchmark: {path} answered {status}")
        return body


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class gunicorn:  # noqa: N801 - used as a context manager, like open()
    """gunicorn serving config.wsgi with the benchmark's settings on 127.0.0.1, stopped on leaving."""

    def __init__(self, workers: int):
        self.workers = workers

    def __enter__(self) -> Server:
        port = free_port()
        command = [
            str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(self.workers), "--worker-class", "sync", "--timeout", "60", "--log-level", "warning",
        ]
        self.server = Server(port, subprocess.Popen(command, cwd=REPO))  # noqa: S603 - fixed arguments
        deadline = time.monotonic() + 60
        while True:
            try:
                self.server.get("/benchmark/no-work/")
                break
            except OSError:
                if self.server.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("benchmark: gunicorn did not start")
                time.sleep(0.2)
        return self.server

    def __exit__(self, *exc):
        stop(self.server.process)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def check(server: Server, page: Page) -> None:
    """The page answers 200 with its text: a load test of a redirect to the login page would measure nothing."""
    status, body = server.get(page.rotating[0] if page.rotating else page.path, page.cookie)
    if status != 200 or page.expect not in body:
        sys.exit(f"benchmark: {page.name} ({page.path}) answered {status}, expected 200 with {page.expect!r}")


class Rotation:
    """Where each rotating page's list of addresses has got to, written to a file wrk reads."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.next: dict[str, int] = {}

    def arguments(self, page: Page) -> list[str]:
        """wrk's script arguments for the page: its text, and for a rotating page its file and where to start."""
        if not page.rotating:
            return [page.expect]
        if page.name not in self.files:
            self.files[page.name] = self.folder / f"rotating-{len(self.files)}.txt"
            self.files[page.name].write_text("\n".join(page.rotating) + "\n")
            self.next[page.name] = 1
        return [page.expect, str(self.files[page.name]), str(self.next[page.name])]

    def used(self, page: Page, figures: dict) -> None:
        """Moves past every address wrk asked for: those answered, and those still in flight at the end."""
        if page.rotating:
            self.next[page.name] = figures["next"]


def wrk(server: Server, page: Page, seconds: float, connections: int, rotation: Rotation) -> dict:
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(WRK_SCRIPT),
        *(["-H", f"Cookie: {page.cookie}"] if page.cookie else []), f"http://127.0.0.1:{server.port}{page.path}",
        "--", *rotation.arguments(page),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)  # noqa: S603
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    rotation.used(page, figures)
    errors = {kind: figures[kind] for kind in WRK_ERRORS if figures[kind]}
    if errors:
        sys.exit(f"benchmark: {page.name} had errors {errors} (unexpected: not 200, or without {page.expect!r})")
    return {
        "rps": figures["requests"] / figures["seconds"],
        "p50": figures["p50_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        "requests": figures["requests"],
    }


def sample(server: Server, page: Page, args, rotation: Rotation, meter: Meter) -> dict:
    """One measurement of the page: wrk's figures, with the queries and CPU time each request cost."""
    meter.start()
    figures = wrk(server, page, args.duration, args.connections, rotation)
    figures |= meter.per_request(figures["requests"])
    print(f"  {page.name:<40} {figures['rps']:8.0f} requests/s  p50 {figures['p50']:6.1f} ms  "
          f"{figures['queries']:5.1f} queries", flush=True)
    return figures


def measure(server: Server, pages: list[Page], args, meter: Meter) -> None:
    """Warms every page, then measures them in `args.repeats` interleaved repeats; each page's samples get its
    ratio to the no-work view measured just before and just after it."""
    with tempfile.TemporaryDirectory(prefix="benchmark-rotating-") as folder:
        rotation = Rotation(Path(folder))
        for page in pages:
            check(server, page)
            if args.warmup > 0:
                wrk(server, page, args.warmup, args.connections, rotation)
        baseline, *others = pages
        for repeat in range(args.repeats):
            print(f"Repeat {repeat + 1} of {args.repeats}", flush=True)
            before = sample(server, baseline, args, rotation, meter)
            baseline.samples.append(before | {"ratio": 1.0})
            for page in others:
                figures = sample(server, page, args, rotation, meter)
                after = sample(server, baseline, args, rotation, meter)
                page.samples.append(figures | {"ratio": figures["rps"] * 2 / (before["rps"] + after["rps"])})
                baseline.samples.append(after | {"ratio": 1.0})
                before = after
