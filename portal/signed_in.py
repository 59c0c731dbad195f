"""The signed-in user with their roles, kept in the cache between requests, and forgotten whenever either changes.

Every signed-in request reads the session and loads its user with the roles they hold (academies.permissions.
RolesBackend). Building and compiling that query, and the round trip to PostgreSQL, cost more than the rest of a
small page; here the loaded user is kept in the cache (Redis, shared by every web node) instead. Nothing is
checked less: Django still reads the session and compares its hash with the user's password hash on every
request, and still refuses a user who is not active; only the copy of the user row and its role flags come
from the cache, and a copy is used only while it belongs to the user's current version.

The version is a random token under its own key, read in the same round trip as the copy. Anything that changes
the user or a role row they hold gives them a new token (signed_in_user_forget), at once and again when the
transaction commits, so the next request loads them afresh: a copy stored by a request that read the database
before the change carries the old token and is never used. Pattern as in Django's own cached_db sessions and
pretix's versioned cache keys.

Each app registers the rows that give its roles (signed_in_forget_when_changed); a role that depends on rows
beyond its own (an allocation of a cancelled cohort) forgets its users explicitly. A role row written with
QuerySet.update() or raw SQL must call signed_in_user_forget itself. A cache that is down is a miss
(portal.cache_backends): the user is loaded from the database as before.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.contrib.auth.signals import user_logged_out
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_init, post_save

# How long a copy and its version are kept without use; correctness never depends on it.
KEEP_SECONDS = 3600
_PREVIOUS = "_signed_in_previous_user_id"


# The user model's columns, in the keys: a copy pickled before a deploy that changed them is never read after it.
_shape = ["-"]


def _version_key(user_id) -> str:
    return f"signed-in:{_shape[0]}:{user_id}:version"


def _user_key(user_id) -> str:
    return f"signed-in:{_shape[0]}:{user_id}:user"


def signed_in_user_load(user_id, load: Callable[[], Model | None]) -> Model | None:
    """The user `user_id` as `load()` gives it, from the cache while nothing of theirs has changed since."""
    found = cache.get_many([_version_key(user_id), _user_key(user_id)])
    version = found.get(_version_key(user_id))
    copy = found.get(_user_key(user_id))
    if version is not None and copy is not None and copy[0] == version:
        return copy[1]
    if version is None:
        version = secrets.token_hex(8)
        if not cache.add(_version_key(user_id), version, KEEP_SECONDS):
            return load()  # another request gave a version meanwhile: store nothing under one not read
    user = load()
    if user is not None:
        cache.set(_user_key(user_id), (version, user), KEEP_SECONDS)
    return user


def _new_versions(user_ids) -> None:
    cache.set_many({_version_key(user_id): secrets.token_hex(8) for user_id in user_ids}, KEEP_SECONDS)


def signed_in_user_forget(*user_ids) -> None:
    """Makes the next request of each user load them from the database: now, and again once the transaction
    commits, so that a request which read the rows before the commit cannot leave a copy that is used."""
    user_ids = {user_id for user_id in user_ids if user_id is not None}
    if user_ids:
        _new_versions(user_ids)
        transaction.on_commit(lambda: _new_versions(user_ids))


def signed_in_forget_when_changed(model: type[Model], user_field: str) -> None:
    """A row of `model` gives or takes a role of the user its `user_field` names: saving or deleting one forgets
    that user, and the user it named before (a row moved from one person to another)."""
    attname = model._meta.get_field(user_field).attname

    def remember(sender, instance, **kwargs):
        # __dict__, not getattr: a field left out of the query (only(), defer()) must not cost one to read.
        setattr(instance, _PREVIOUS, instance.__dict__.get(attname))

    def forget(sender, instance, **kwargs):
        signed_in_user_forget(getattr(instance, _PREVIOUS, None), instance.__dict__.get(attname))
        remember(sender, instance)

    uid = f"signed-in:{model._meta.label}"
    post_init.connect(remember, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(forget, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(forget, sender=model, weak=False, dispatch_uid=uid)


def _user_changed(sender, instance, **kwargs):
    signed_in_user_forget(instance.pk)


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        signed_in_user_forget(user.pk)


def signed_in_connect(user_model: type[Model]) -> None:
    """The user's own row (password, is_active, is_national_admin) and signing out forget the user."""
    columns = ",".join(field.attname for field in user_model._meta.concrete_fields)
    _shape[0] = hashlib.sha256(columns.encode()).hexdigest()[:8]
    post_save.connect(_user_changed, sender=user_model, dispatch_uid="signed-in:user")
    post_delete.connect(_user_changed, sender=user_model, dispatch_uid="signed-in:user")
    user_logged_out.connect(_signed_out, dispatch_uid="signed-in:logout")
