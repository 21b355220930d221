"""Fetching http(s) addresses: httpx for the requests, hishel for an RFC 9111 cache that turns a
second read of an unchanged feed into a conditional request answered by 304.

Every fetch ends in a ``Fetched`` answer or a ``Fault`` that says why in a reader's words: a
name not found, a refused connection, no answer within the timeout, an HTTP error, a redirect
loop, an answer over the size cap, or an address the link may not point to. Nothing raises.

Where a link may point: an address the user gives may be any http(s) address. A link found in
what was fetched (a feed's entry, an OPML list's feeds, a redirect) may point to a public
address, or to an address of the same kind as the one it was found on: a feed served from
loopback may link to loopback, so tests run there, but a public feed never reaches loopback,
a private network, link-local or cloud metadata addresses. ``file:`` and other schemes never.
The address is checked when the name is resolved, before the request is sent.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import ipaddress
import queue
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..config import DEFAULT_TIMEOUT, WHOLE_ANSWER

__all__ = ["Fetcher", "Fetched", "Fault", "address_kind", "is_url", "USER_AGENT", "MAX_BYTES", "MAX_REDIRECTS",
           "AT_ONCE", "PER_HOST", "DEFAULT_TIMEOUT"]

USER_AGENT = f"summarizer/{__version__} (news briefing)"
MAX_BYTES = 10 * 2**20  # one answer; a feed of a thousand entries is under 5 MB
MAX_REDIRECTS = 5
AT_ONCE = 8  # requests in flight
PER_HOST = 2  # of which to one host
_REDIRECTS = {301, 302, 303, 307, 308}


def is_url(text: str) -> bool:
    """Whether a command-line PATH is an http(s) address.

    >>> is_url("https://feeds.npr.org/1019/feed.json"), is_url("news/"), is_url("HTTP://x.org")
    (True, False, True)
    """
    return text[:8].lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    """An answer: the address asked, the one answered after redirects, its media type and
    charset as the server gave them, the body, what kind of address answered, and how:
    ``downloaded``, ``unchanged`` (a conditional request answered 304, body from the cache) or
    ``cached`` (fresh in the cache, no request sent)."""

    url: str
    final: str
    media_type: str
    charset: str | None
    body: bytes
    kind: str
    how: str


@dataclass(frozen=True)
class Fault:
    """Why an address gave nothing: ``reason`` in full, ``kind`` in a few words."""

    url: str
    reason: str
    kind: str


class _Refused(Exception):
    def __init__(self, reason: str, kind: str):
        super().__init__(reason)
        self.reason, self.kind = reason, kind


def address_kind(ip: str) -> str:
    """What kind of address an IP is: ``public``, ``loopback``, ``private``, ``link-local``
    (cloud metadata among them) or ``reserved``.

    >>> [address_kind(a) for a in ("93.184.216.34", "127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "0.0.0.0")]
    ['public', 'loopback', 'private', 'link-local', 'loopback', 'reserved']
    """
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return "reserved"
    if address.is_global:
        return "public"
    return "private"


def _resolve(host: str, port: int) -> list[str]:
    try:
        return [ipaddress.ip_address(host.strip("[]")).compressed]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _Refused(f"the name {host} was not found (DNS: {getattr(exc, 'strerror', None) or exc})",
                       "name not found") from None
    return sorted({info[4][0] for info in infos})


def check_address(url: str, origin: str | None, resolve: Callable[[str, int], list[str]] = _resolve) -> str:
    """The kind of address ``url`` names, when a link found on an ``origin`` kind of address
    (``None``: the user gave it) may point there; else ``_Refused`` says why."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise _Refused(f"not an http(s) address ({parts.scheme or 'no scheme'}:), not read", "not http")
    if not parts.hostname:
        raise _Refused("an address without a host", "not http")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise _Refused("an address with a bad port", "not http") from None
    kinds = {address_kind(ip) for ip in resolve(parts.hostname, port)}
    if origin is not None:
        bad = sorted(k for k in kinds if k != "public" and k != origin)
        if bad:
            where = "a public address" if origin == "public" else f"a {origin} address"
            raise _Refused(f"a {bad[0]} address, which a link found on {where} may not point to; not read",
                           "address not allowed")
    return "public" if kinds == {"public"} else sorted(kinds - {"public"})[0]


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (a number, or an HTTP date); None if absent.

    >>> retry_after("3"), retry_after(None), retry_after("soon")
    (3.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """Fetches addresses through one pooled httpx client and, when ``cache`` names a file, the
    hishel cache kept there. Use as a context manager; ``fetch_all`` fetches several at once.
    ``counts`` tallies how each answer came (``downloaded``, ``unchanged``, ``cached``) and
    each fault's kind."""

    def __init__(self, *, timeout: float = DEFAULT_TIMEOUT, cache: Path | None = None,
                 resolve: Callable[[str, int], list[str]] = _resolve, sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.timeout = timeout
        self.resolve, self.sleep = resolve, sleep
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._storage = None
        transport: httpx.BaseTransport = _marking()(httpx.HTTPTransport(
            limits=httpx.Limits(max_connections=AT_ONCE, max_keepalive_connections=AT_ONCE), retries=0))
        if cache is not None:
            from hishel import CacheOptions, SqliteStorage
            from hishel.httpx import CacheTransport

            cache.parent.mkdir(parents=True, exist_ok=True)
            self._storage = SqliteStorage(database_path=cache)
            transport = CacheTransport(next_transport=transport, storage=self._storage, rfc=CacheOptions(shared=False))
        self.client = httpx.Client(transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False,
                                   headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT}, trust_env=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self._storage is not None:
            with contextlib.suppress(Exception):
                self._storage.close()

    def fetch_all(self, jobs: Sequence[tuple[str, str | None]], progress: Callable[[int, int], None] | None = None,
                  *, revalidate: bool = False) -> list[Fetched | Fault]:
        """``fetch(url, origin, revalidate=...)`` of each job, at most ``AT_ONCE`` at a time,
        answers in job order. The workers are daemon threads: Ctrl-C ends the run at once,
        without waiting for answers in flight."""
        if not jobs:
            return []
        waiting: queue.SimpleQueue[int] = queue.SimpleQueue()
        for k in range(len(jobs)):
            waiting.put(k)
        results: list[Fetched | Fault | None] = [None] * len(jobs)
        failed: list[BaseException] = []
        stop = threading.Event()
        done = 0

        def work() -> None:
            nonlocal done
            while not stop.is_set():
                try:
                    k = waiting.get_nowait()
                except queue.Empty:
                    return
                try:
                    results[k] = self.fetch(*jobs[k], revalidate=revalidate)
                except BaseException as exc:  # a bug: raised again in the caller's thread
                    failed.append(exc)
                    stop.set()
                    return
                with self._lock:
                    done += 1
                    if progress is not None:
                        progress(done, len(jobs))

        workers = [threading.Thread(target=work, daemon=True) for _ in range(min(AT_ONCE, len(jobs)))]
        for worker in workers:
            worker.start()
        try:
            for worker in workers:
                worker.join()
        except BaseException:  # Ctrl-C: no new request starts; those in flight are left to die with the process
            stop.set()
            raise
        if failed:
            raise failed[0]
        return results  # type: ignore[return-value]

    def fetch(self, url: str, origin: str | None = None, *, revalidate: bool = False) -> Fetched | Fault:
        """One address, following at most ``MAX_REDIRECTS`` redirects, each checked like a link
        found on the address that sent it. ``origin`` is the kind of address the link was
        found on, ``None`` when the user gave it. With ``revalidate`` a stored answer is used
        only once the server says it is unchanged (a feed is asked each time: its
        Last-Modified alone would let a cache keep it for days); else a fresh stored answer
        is used as it is (an article page)."""
        got = self._fetch(url, origin, revalidate)
        with self._lock:
            self.counts[got.how if isinstance(got, Fetched) else got.kind] += 1
        return got

    def _fetch(self, url: str, origin: str | None, revalidate: bool) -> Fetched | Fault:
        import httpx

        deadline = time.monotonic() + WHOLE_ANSWER * self.timeout
        current, seen, retried = url, [url], False
        while True:
            try:
                kind = check_address(current, origin, self.resolve)
                with self._host(urlsplit(current).hostname or ""):
                    answer = self._get(current, deadline, revalidate)
            except _Refused as refused:
                return Fault(url, refused.reason if current == url else f"{refused.reason} (redirected to {current})",
                             refused.kind)
            except httpx.TimeoutException:
                return Fault(url, f"no answer within {self.timeout:g} s (timeout)", "timeout")
            except httpx.ConnectError as exc:
                return Fault(url, _connect_reason(exc), "no connection")
            except httpx.HTTPError as exc:
                return Fault(url, f"the connection broke ({type(exc).__name__}: {exc or 'no detail'})", "broken answer")
            status, headers, body, how = answer
            if status in _REDIRECTS and headers.get("location"):
                target = urljoin(current, headers["location"])
                if target in seen:
                    return Fault(url, f"a redirect loop ({' → '.join([*seen, target])})", "redirect loop")
                if len(seen) > MAX_REDIRECTS:
                    return Fault(url, f"more than {MAX_REDIRECTS} redirects", "too many redirects")
                seen.append(target)
                current, origin = target, kind
                continue
            if status in (429, 503) and not retried:
                wait = retry_after(headers.get("retry-after"))
                if wait is not None and time.monotonic() + wait < deadline and wait <= self.timeout:
                    self.sleep(wait)
                    retried = True
                    continue
            if status >= 400:
                asked = f", asked to retry after {headers['retry-after']}" if status in (429, 503) and headers.get(
                    "retry-after") and not retried else ""
                again = " (also after waiting as asked)" if retried else ""
                return Fault(url, f"HTTP {status} {_phrase(status)}{asked}{again}", f"HTTP {status}")
            if status != 200 and not body:
                return Fault(url, f"HTTP {status} {_phrase(status)} with no body", f"HTTP {status}")
            media, _, params = headers.get("content-type", "").partition(";")
            charset = next((p.split("=", 1)[1].strip().strip('"\'') for p in params.split(";")
                            if p.strip().lower().startswith("charset=")), None)
            return Fetched(url, current, media.strip().lower(), charset or None, body, kind, how)

    def _get(self, url: str, deadline: float, revalidate: bool) -> tuple[int, dict[str, str], bytes, str]:
        """Status, headers, body and how it came (``Fetched.how``) of one GET; ``_Refused``
        when the body is over the cap or the whole answer is not in by the deadline."""
        with self.client.stream("GET", url, headers={"Cache-Control": "no-cache"} if revalidate else None) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            sent = response.request.extensions.get(_SENT)  # the server's own status; absent when the cache answered
            how = "unchanged" if sent == 304 else "cached" if sent is None else "downloaded"
            if response.status_code in _REDIRECTS or response.status_code >= 400:
                return response.status_code, headers, b"", how
            length = headers.get("content-length", "")
            if length.isdigit() and int(length) > MAX_BYTES:
                raise _Refused(f"{_size(int(length))}, over the {_size(MAX_BYTES)} an answer may hold", "too large")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise _Refused(f"over the {_size(MAX_BYTES)} an answer may hold", "too large")
                if time.monotonic() > deadline:
                    raise _Refused(f"not in full within {WHOLE_ANSWER * self.timeout:g} s", "timeout")
                chunks.append(chunk)
            return response.status_code, headers, b"".join(chunks), how

    @contextlib.contextmanager
    def _host(self, host: str):
        with self._lock:
            slot = self._hosts.setdefault(host.lower(), threading.Semaphore(PER_HOST))
        with slot:
            yield


_SENT = "summarizer.status"


@functools.cache
def _marking():
    """An httpx transport that marks on each request the status the server answered, so a 304
    behind the cache shows (built on first use: httpx loads only when an address is read)."""
    import httpx

    class Marking(httpx.BaseTransport):
        """Marks on each request the status the server answered."""

        def __init__(self, inner: httpx.BaseTransport):
            self.inner = inner

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = self.inner.handle_request(request)
            request.extensions[_SENT] = response.status_code
            return response

        def close(self) -> None:
            self.inner.close()

    return Marking


_ACCEPT = ("application/feed+json, application/rss+xml, application/atom+xml, text/x-opml, application/xml;q=0.9, "
           "text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")


def _size(n: int) -> str:
    """A size as a reader says it.

    >>> _size(10 * 2**20), _size(2000)
    ('10 MB', '2 kB')
    """
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n / 1000:.0f} kB"


def _phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _connect_reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "the connection was refused (nothing listens at that address)"
    if "name or service" in text.lower() or "nodename" in text.lower() or "getaddrinfo" in text.lower():
        return f"the name was not found (DNS: {text})"
    return f"no connection ({text})"
