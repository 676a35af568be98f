"""Parse each digest file once per process, however many pages include it.

Keyed by path, modification time and size, so an edited digest is read again; bounded so that an
archive of thousands of digests does not keep every parsed paper in memory for the whole build.
"""

from __future__ import annotations

import os
from collections import OrderedDict

from .model import Digest, DigestError
from .reading import DEFAULT_MAX_BYTES, load_digest

__all__ = ["cached_digest", "clear_cache"]

_MAX_ENTRIES = 256
_cache: OrderedDict[str, tuple[tuple[int, int, int | None], Digest | DigestError]] = OrderedDict()


def cached_digest(path: str, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Digest | DigestError:
    """The parsed digest at ``path`` (absolute), or the :class:`DigestError` that reading it raised."""
    try:
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size, max_bytes)
    except OSError:
        stamp = (-1, -1, max_bytes)
    hit = _cache.get(path)
    if hit is not None and hit[0] == stamp:
        _cache.move_to_end(path)
        return hit[1]
    try:
        value: Digest | DigestError = load_digest(path, max_bytes=max_bytes)
    except DigestError as error:
        value = error
    _cache[path] = (stamp, value)
    if len(_cache) > _MAX_ENTRIES:
        _cache.popitem(last=False)
    return value


def clear_cache() -> None:
    """Forget every parsed digest (tests, long-lived processes)."""
    _cache.clear()
