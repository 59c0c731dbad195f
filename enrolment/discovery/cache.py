"""The catalogue's page cache: whole pages for visitors who are not signed in, dropped when what they show changes.

Only a request with no session or message cookie is answered from the cache, and only such a request's page is
stored: nobody is signed in and no message waits, so no one's header, button, CSRF token or message can reach
anyone else. Each page is stored with the catalogue's version; a change to a programme, a cohort, the places taken
in one, or anything the facets list gives the catalogue a new version, and a page stored under an older one is
rendered afresh. The version is read from the cache on every request; the page itself usually comes from this
process's own copy (LocalPages). PAGE_SECONDS bounds what changes with the clock alone (an application window
opening or closing). Pages carry an ETag, so a browser's revalidation gets a 304 without the page. A cache that is
down is passed over (portal.cache_backends answers a miss): the page is rendered as if nothing were cached.

Signed-in people get their own page, but most of it (catalogue_part) is the same for everyone who asks for the
same address: the catalogue's results and facets, a programme's facts and cohorts. It is kept the same way, by
address and version, and rendered without the request, so nothing of the person who asked first can be in it.
"""

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_vary_headers

from enrolment.models import PLACE_HOLDING

VERSION_KEY = "catalogue:version"
PAGE_KEY = "catalogue:page:{}"
CONTENT_KEY = "catalogue:content:{}"
PROGRAMME_KEY = "catalogue:programme:{}"
PAGE_SECONDS = 60
LOCAL_BYTES = 16 * 1024 * 1024  # each process's copies of cached pages
# What the catalogue and programme pages show. A change to any of these rows, or to their many-to-many links,
# gives the catalogue a new version. Applications count only when they take or free a place (below).
CATALOGUE_MODELS = (
    "programmes.Programme",
    "programmes.Framework",
    "programmes.FrameworkElement",
    "programmes.CareerStage",
    "programmes.FundedScheme",
    "academies.Academy",
    "enrolment.Cohort",
    "enrolment.CohortSession",
    "portal.Profession",
    "portal.Region",
    "portal.IntegratedCareSystem",
    "portal.SourceDocument",
)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def catalogue_changed(**kwargs) -> None:
    """A new version now, and another once the transaction commits: a page rendered in between, from rows not yet
    committed, is then dropped too."""
    _new_version()
    transaction.on_commit(_new_version)


def _place_holding(status: str) -> bool:
    return status in PLACE_HOLDING


def _event_saved(instance, created, **kwargs) -> None:
    """A status change that takes or frees a place changes a cohort's places left."""
    if created and _place_holding(instance.from_status) != _place_holding(instance.to_status):
        catalogue_changed()


def _application_saved(instance, created, **kwargs) -> None:
    """Services move applications through events; one made straight into a place (admin, import) counts too."""
    if created and _place_holding(instance.status):
        catalogue_changed()


def _application_deleted(instance, **kwargs) -> None:
    if _place_holding(instance.status):
        catalogue_changed()


def _links_changed(instance, action, **kwargs) -> None:
    if action.startswith("post_") and isinstance(instance, _catalogue_classes()):
        catalogue_changed()


def _catalogue_classes() -> tuple:
    return tuple(apps.get_model(label) for label in CATALOGUE_MODELS)


def connect_signals() -> None:
    """Called once, from ProgrammesConfig.ready()."""
    for model in _catalogue_classes():
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-saved-{model._meta.label}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"catalogue-deleted-{model._meta.label}")
    m2m_changed.connect(_links_changed, dispatch_uid="catalogue-links")
    post_save.connect(_event_saved, sender="enrolment.ApplicationEvent", dispatch_uid="catalogue-event")
    post_save.connect(_application_saved, sender="enrolment.Application", dispatch_uid="catalogue-application")
    post_delete.connect(_application_deleted, sender="enrolment.Application", dispatch_uid="catalogue-withdrawn")


def _visitor(request) -> bool:
    """Nobody is signed in and nothing is kept for them: a request with neither session nor message cookie."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _storable(request, response) -> bool:
    """A plain page that used nothing of the visitor's: no cookie, CSRF token or session data."""
    session = getattr(request, "session", None)
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def _page(request, etag: str, content_type: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["ETag"] = etag
    # The same address shows a signed-in person their own page: a shared HTTP cache must not mix the two.
    patch_vary_headers(response, ["Cookie"])
    return get_conditional_response(request, etag=etag, response=response)


@dataclass(frozen=True)
class Kept:
    version: str
    rendered_at: float

    def current(self, version: str | None) -> bool:
        return self.version == version and time.time() - self.rendered_at < PAGE_SECONDS


@dataclass(frozen=True)
class Page(Kept):
    etag: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Part(Kept):
    value: object


@dataclass(frozen=True)
class Content:
    html: str  # a SafeString, as render_to_string made it
    problems: tuple


class LocalPages:
    """This process's copies of pages from the cache, the least recently used dropped beyond `limit` bytes.

    A copy is served only while its version is the catalogue's, which is read from the cache on every request,
    so it is never staler than the cache's own; it saves fetching and unpickling the page each time.
    """

    def __init__(self, limit: int):
        self.limit = limit
        self.pages: OrderedDict[str, Page] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str, version: str) -> Page | None:
        with self.lock:
            page = self.pages.get(key)
            if page is None or not page.current(version):
                return None
            self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: Page) -> None:
        with self.lock:
            if old := self.pages.pop(key, None):
                self.size -= len(old.content)
            self.pages[key] = page
            self.size += len(page.content)
            while self.size > self.limit:
                self.size -= len(self.pages.popitem(last=False)[1].content)


local_pages = LocalPages(limit=LOCAL_BYTES)


def _page_key(request, template: str) -> str:
    return template.format(hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest())


def _cached(key: str) -> tuple[str | None, Page | None]:
    """The catalogue's version, and the page if one of that version is kept here or in the cache."""
    version = cache.get(VERSION_KEY)
    if version is None:
        return None, None
    page = local_pages.get(key, version)
    if page is None:
        page = cache.get(key)
        if not isinstance(page, Page) or not page.current(version):  # absent, expired, or from an older release
            return version, None
        local_pages.put(key, page)
    return version, page


def cache_page_for_visitors(view):
    """Serves and stores the view's page for visitors (see the module's docstring); others get the view."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not _visitor(request):
            return view(request, *args, **kwargs)
        key = _page_key(request, PAGE_KEY)
        version, page = _cached(key)
        if page is not None:
            return _page(request, page.etag, page.content_type, page.content)
        response = view(request, *args, **kwargs)
        if not _storable(request, response):
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        page = Page(version, time.time(), etag, response["Content-Type"], response.content)
        if _store(key, page):
            local_pages.put(key, page)
        return _page(request, etag, response["Content-Type"], response.content)

    return cached_view


def _store(key: str, kept: Kept) -> bool:
    """Stores what was rendered under the version read before rendering it; returns whether it did."""
    if kept.version is None:
        # No version yet (a new or emptied cache, or one that is down): make one, and store from the next request
        # on. What was rendered may predate a change made meanwhile, so it is not stored under it.
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        return False
    cache.set(key, kept, PAGE_SECONDS)
    return True


def catalogue_part(request, key_template: str, make: Callable[[], object]) -> object:
    """What `make()` gives for this address, from the cache while the catalogue's version is the one it was made
    under. For signed-in people, whose page is not cached whole: their header and button are theirs, the rest is
    everyone's, worked out once a version instead of in tens of queries each time. `make()` must use nothing of
    the request's person."""
    key = _page_key(request, key_template)
    version = cache.get(VERSION_KEY)
    part = cache.get(key) if version is not None else None
    if isinstance(part, Part) and part.current(version):
        return part.value
    value = make()
    _store(key, Part(version, time.time(), value))
    return value


def catalogue_content(request, template: str, context: Callable[[], dict]) -> Content:
    """The content of the catalogue page at this address: `template` rendered from `context()`, kept as above."""

    def render() -> Content:
        values = context()
        return Content(render_to_string(template, values), tuple(values["problems"]))

    return catalogue_part(request, CONTENT_KEY, render)
