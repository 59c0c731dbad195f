"""Django's Redis cache backend, less a cost it pays on every operation, and without failing when Redis does.

Django's client makes a new redis.Redis object for each get or set, and building one (its table of reply
handlers) takes longer than the round trip to a Redis on the same network. One per connection pool serves just as
well: a redis.Redis is safe to share, and the pool still hands out the connections.

Every use of the cache (signed-in sessions, the catalogue's pages, the reports' figures) can do without it, so a
Redis that is down or unreachable is a miss, not an error: a read finds nothing, a write is dropped, and the page
is made from the database. A warning says so, once a minute at most per process, so an outage is seen in the logs
without filling them.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARNING_INTERVAL_SECONDS = 60
_last_warning = [float("-inf")]


def _warn(operation: str, error: Exception) -> None:
    now = time.monotonic()
    if now - _last_warning[0] >= WARNING_INTERVAL_SECONDS:
        _last_warning[0] = now
        logger.warning("The cache is unavailable (%s: %s); going on without it", operation, type(error).__name__)


def _miss(answer):
    """Makes a client operation answer `answer(arguments)` instead of raising when Redis fails."""

    def decorate(operation):
        @functools.wraps(operation)
        def tolerant(self, *args, **kwargs):
            try:
                return operation(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                _warn(operation.__name__, error)
                return answer(*args, **kwargs)

        return tolerant

    return decorate


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    get = _miss(lambda key, default=None: default)(DjangoRedisCacheClient.get)
    get_many = _miss(lambda keys: {})(DjangoRedisCacheClient.get_many)
    has_key = _miss(_false)(DjangoRedisCacheClient.has_key)
    add = _miss(_false)(DjangoRedisCacheClient.add)
    set = _miss(_nothing)(DjangoRedisCacheClient.set)
    set_many = _miss(_nothing)(DjangoRedisCacheClient.set_many)
    touch = _miss(_false)(DjangoRedisCacheClient.touch)
    delete = _miss(_false)(DjangoRedisCacheClient.delete)
    delete_many = _miss(_nothing)(DjangoRedisCacheClient.delete_many)
    clear = _miss(_false)(DjangoRedisCacheClient.clear)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
