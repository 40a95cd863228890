"""Redirect targets limited to this site's own paths."""

from urllib.parse import urlsplit


def local_path(target, default="/"):
    """`target` if it is a path on this site (no scheme, no host, no `//`), else `default`."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return default
    return target
