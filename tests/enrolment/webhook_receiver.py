"""A real webhook receiver for tests: an HTTP server on loopback that records each POST and answers as told, and
the applicant's way in through the pages, so a test sees what an academy's system would be sent."""

import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.urls import reverse

from enrolment.models import Application
from enrolment.webhook_sender import webhook_signature
from tests.enrolment.factories import submit_answers


class Receiver:
    """An HTTP server on loopback that records each POST and answers the next status of `answers` (then 200); with
    `stall_seconds`, it takes that long to answer the first POST (the sender may be gone by then)."""

    def __init__(self, answers=(), stall_seconds=0.0):
        self.answers, self.received = list(answers), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                if len(receiver.received) == 1:
                    time.sleep(stall_seconds)
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"thanks" if status < 300 else b"receiver broke")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()

    def events(self):
        return [json.loads(body) for _, body in self.received]


def valid_signature(headers, body, secret) -> bool:
    expected = webhook_signature(secret, headers["X-Portal-Timestamp"], body)
    return hmac.compare_digest(headers["X-Portal-Signature"], expected)


def recent_timestamp(headers, within_seconds=300) -> bool:
    return abs(time.time() - int(headers["X-Portal-Timestamp"])) <= within_seconds


def apply_through_the_pages(client, applicant, cohort) -> Application:
    """The applicant presses Apply on the programme, answers its pages and submits from "Check your answers", each
    a POST to the page's URL as their browser would send it; returns the application."""
    client.force_login(applicant)
    assert client.post(reverse("enrolment:apply", args=[cohort.programme.slug])).status_code == 302
    application = Application.objects.get(applicant=applicant, programme=cohort.programme)
    answers = {"where": f"cohort:{cohort.pk}", "supporting_statement": "I lead a ward team and want to lead it better."}
    assert submit_answers(client, application, answers).status_code == 302
    application.refresh_from_db()
    return application
