"""A real OpenID provider on loopback (the npm package oidc-provider, tests/support/oidc_provider.mjs) in a process of
its own, for the browser test and the tests that sign in through two providers; and `sign_in_at`, which walks its
development sign-in and consent pages with plain HTTP, as a browser would, up to the redirect back to the portal."""

import json
import os
import re
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.support.servers import free_port

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
FORM = re.compile(r'<form[^>]*action="([^"]+)"(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


@dataclass
class NodeProvider:
    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_node_provider(folder: Path, *, redirect_uris: list[str], claims: dict) -> NodeProvider:
    """Starts the provider with one client (portal-test, secret test-secret, PKCE required) allowed to come back to
    `redirect_uris`; whoever signs in there has `claims`. Returns once its discovery document answers."""
    port = free_port()
    log = folder / f"oidc-provider-{port}.log"
    env = {
        **os.environ, "PORT": str(port), "REDIRECT_URI": ",".join(redirect_uris), "ACCOUNT_CLAIMS": json.dumps(claims)
    }
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            ["node", "tests/support/oidc_provider.mjs"], cwd=REPO_ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    provider = NodeProvider(url=f"http://127.0.0.1:{port}", process=process, log=log)
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{provider.url}/.well-known/openid-configuration", timeout=1)  # noqa: S310
            return provider
        except OSError:
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)


def sign_in_at(authorization_url: str, *, login: str, back_to: str) -> str:
    """Signs in as `login` at the provider's authorization URL (its sign-in form, then its consent form) and returns
    the URL it sends the browser back to, which starts with `back_to`."""
    browser = requests.Session()
    response = browser.get(authorization_url, allow_redirects=False, timeout=10)
    for _ in range(10):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(back_to):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
            continue
        action, form = FORM.search(response.text).groups()
        fields = {**dict(HIDDEN.findall(form)), "login": login, "password": "anything"}
        response = browser.post(urljoin(response.url, action), data=fields, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider never sent the browser back to {back_to}")
