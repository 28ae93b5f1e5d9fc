"""Every page a signed-in user reaches from their home by following links, as a new user would (GET only, one visit
per path and query, the demo's pages for each login): used by the page-wide checks of the demo."""

import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urldefrag, urlsplit

from django.test import Client

NOT_FOLLOWED = ("/accounts/logout", "/admin", "/assets/", "/pdf/", "/health/")
LINKS = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')


def pages(client: Client, limit: int, *, one_per_path: bool = False) -> Iterator[tuple[str, str]]:
    """(url, html) for each HTML page reached from "/", breadth first, up to `limit` pages; `one_per_path` visits a
    path once whatever its query (the raise form, linked from beside every entry, is one page)."""
    queue, seen, count = deque(["/"]), {"/"}, 0
    while queue and count < limit:
        url = queue.popleft()
        response = client.get(url, follow=True)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        count += 1
        yield url, html
        for href in LINKS.findall(html):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not link.startswith("/") or link.startswith(NOT_FOLLOWED):
                continue
            key = parts.path if one_per_path else link
            if key not in seen:
                seen.add(key)
                queue.append(link)
