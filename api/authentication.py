"""The academy API's key: `Authorization: Bearer <token>`, an academy API token (academies.api_tokens). It acts as
the academy admin who created it, within its one academy, so it can do nothing that person could not; a read
token may only read. Requests are throttled per token, in the shared (Redis) cache."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from academies.api_tokens import academy_api_token_resolve
from academies.models import AcademyApiToken

UNUSABLE = "The token is unknown, revoked or expired."


class AcademyTokenAuthentication(BaseAuthentication):
    """request.user is the token's creator, request.auth the token (its academy and scope)."""

    def authenticate(self, request):
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != b"bearer":
            return None
        if len(words) != 2:
            raise exceptions.AuthenticationFailed("Send the token as: Authorization: Bearer <token>.")
        token = academy_api_token_resolve(presented=words[1].decode("ascii", errors="replace"))
        if token is None:
            raise exceptions.AuthenticationFailed(UNUSABLE)
        return token.created_by, token

    def authenticate_header(self, request):
        return 'Bearer realm="academy API"'



class AcademyTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes the token: an HTTP bearer scheme (drf-spectacular finds this subclass itself)."""

    target_class = AcademyTokenAuthentication
    name = "academyToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "An academy API token, made on the portal."}


class TokenScope(permissions.BasePermission):
    """Any usable token may read; only a read-write token may write."""

    message = "This token may only read: create a read and write token to change anything."

    def has_permission(self, request, view):
        if not isinstance(request.auth, AcademyApiToken):
            return False
        return request.method in permissions.SAFE_METHODS or request.auth.can_write


class TokenThrottle(throttling.SimpleRateThrottle):
    """settings.API_TOKEN_RATE requests per token (a 429 with Retry-After beyond it)."""

    scope = "academy_token"

    def get_rate(self):
        return settings.API_TOKEN_RATE

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, AcademyApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
