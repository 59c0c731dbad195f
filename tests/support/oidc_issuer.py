"""A small OpenID Connect issuer on loopback for the token tests: a real JWKS endpoint serving the public half of a
key the test signs ID tokens with, a token endpoint that hands out the token a test gave for a code exactly once
(as a provider must), and a userinfo endpoint. portal.sso talks to it over HTTP as it would to NHSmail."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "portal-test"
KID = "test-key"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issuer:
    url: str
    key: object = field(default_factory=rsa_key)
    grants: dict = field(default_factory=dict)  # code -> (id token, userinfo claims)
    used: set = field(default_factory=set)
    userinfo: dict = field(default_factory=dict)  # access token -> claims

    def id_token(self, *, nonce: str, sub: str = "subject-1", key=None, **overrides) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "aud": CLIENT_ID, "sub": sub, "nonce": nonce, "iat": now, "exp": now + 300}
        claims.update(overrides)
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": KID})

    def grant(self, code: str, id_token: str, claims: dict) -> None:
        self.grants[code] = (id_token, claims)

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KID, "alg": "RS256", "use": "sig"}]}

    def environ(self, name: str = "nhsmail", title: str = "NHSmail") -> dict:
        """The environment that configures this issuer as the provider `name`, its endpoints given."""
        prefix = f"OIDC_{name.upper()}_"
        return {
            f"{prefix}ISSUER": self.url,
            f"{prefix}CLIENT_ID": CLIENT_ID,
            f"{prefix}CLIENT_SECRET": "test-secret",
            f"{prefix}TITLE": title,
            f"{prefix}AUTHORIZATION_ENDPOINT": f"{self.url}/auth",
            f"{prefix}TOKEN_ENDPOINT": f"{self.url}/token",
            f"{prefix}USER_ENDPOINT": f"{self.url}/userinfo",
            f"{prefix}JWKS_ENDPOINT": f"{self.url}/jwks",
            f"{prefix}LOGOUT_ENDPOINT": f"{self.url}/session/end",
        }


def _handler(issuer: Issuer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def reply(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/jwks":
                return self.reply(200, issuer.jwks())
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if self.path == "/userinfo" and token in issuer.userinfo:
                return self.reply(200, issuer.userinfo[token])
            return self.reply(401, {"error": "invalid_token"})

        def do_POST(self):
            form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
            code = form.get("code", [""])[0]
            if code not in issuer.grants or code in issuer.used or not form.get("code_verifier"):
                return self.reply(400, {"error": "invalid_grant"})
            issuer.used.add(code)
            id_token, claims = issuer.grants[code]
            issuer.userinfo[f"access-{code}"] = claims
            return self.reply(200, {"id_token": id_token, "access_token": f"access-{code}", "token_type": "Bearer"})

    return Handler


def start_issuer() -> tuple[Issuer, ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    issuer = Issuer(url=f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(issuer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return issuer, server
