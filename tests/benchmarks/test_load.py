"""The benchmark's load (benchmarks/load.py, wrk_report.lua) against a real HTTP server that records each request:
a rotating row asks for each address once, and a redirect, a page without its text, or a rotation that runs out
stops the run instead of being measured."""

import threading
from argparse import Namespace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.load import Rotation, Server, measure, wrk
from benchmarks.pages import Page


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as gunicorn behind wrk

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self.server.paths.append(self.path)
        status, body = (302, b"") if self.path == "/redirect" else (200, b"<h1>The page</h1>")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        if status == 302:
            self.send_header("Location", "/login")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        """Quiet: wrk sends thousands."""


@pytest.fixture
def server():
    http = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    http.paths = []
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield Server(http.server_address[1], process=None), http.paths
    http.shutdown()
    http.server_close()


def test_a_fixed_page_that_answers_with_its_text_is_measured(server, tmp_path):
    live, paths = server

    figures = wrk(live, Page("Page", "/page", expect="The page"), 1, 2, Rotation(tmp_path))

    assert figures["requests"] > 10 and figures["rps"] > 0
    assert set(paths) == {"/page"}


@pytest.mark.parametrize(
    ("path", "expect"), [("/redirect", ""), ("/page", "Signed in as Ann")], ids=["redirect", "another-page"]
)
def test_a_redirect_or_an_answer_without_the_page_s_text_stops_the_run(server, tmp_path, path, expect):
    live, _ = server

    with pytest.raises(SystemExit, match="unexpected"):
        wrk(live, Page("Page", path, expect=expect), 1, 2, Rotation(tmp_path))


def test_a_rotating_page_asks_for_each_address_once_across_runs(server, tmp_path):
    live, paths = server
    page = Page("Rotating", "/page", expect="The page", rotating=[f"/page?q={number}" for number in range(100_000)])
    rotation = Rotation(tmp_path)

    first = wrk(live, page, 1, 2, rotation)
    asked_first, moved_past = len(paths), rotation.next[page.name] - 1  # answered, and in flight at the end
    second = wrk(live, page, 1, 2, rotation)

    assert len(paths) == len(set(paths)) >= first["requests"] + second["requests"]
    assert set(paths) <= set(page.rotating)
    assert set(paths[:asked_first]) <= set(page.rotating[:moved_past])
    assert set(paths[asked_first:]) <= set(page.rotating[moved_past:])


def test_a_rotation_that_runs_out_stops_the_run_rather_than_measure_cache_hits(server, tmp_path):
    live, _ = server
    page = Page("Rotating", "/page", expect="The page", rotating=["/page?q=1", "/page?q=2", "/page?q=3"])

    with pytest.raises(SystemExit, match="unexpected"):
        wrk(live, page, 1, 2, Rotation(tmp_path))


class Counting:
    """A stand-in for benchmarks.meter.Meter: the load tests need no PostgreSQL."""

    def start(self):
        """Nothing to read."""

    def per_request(self, requests):
        return {"queries": 0.0, "cpu": {}}


def test_each_page_is_measured_between_two_runs_of_the_baseline_in_every_repeat(server, tmp_path):
    live, paths = server
    pages = [Page(name, path, expect="page") for name, path in (("Baseline", "/baseline"), ("A", "/a"), ("B", "/b"))]
    args = Namespace(repeats=2, duration=1, warmup=0, connections=1)

    measure(live, pages, args, Counting())

    baseline, first, second = pages
    assert len(baseline.samples) == 2 * 3 and len(first.samples) == len(second.samples) == 2
    order = [path for index, path in enumerate(paths) if index == 0 or paths[index - 1] != path]
    checked = ["/baseline", "/a", "/b"]  # check(): each page answers with its text before any load
    repeats = ["/baseline", "/a", "/baseline", "/b", "/baseline"] + ["/a", "/baseline", "/b", "/baseline"]
    assert order == checked + repeats
    for page in (first, second):
        for sample in page.samples:
            assert 0 < sample["ratio"] < 10
