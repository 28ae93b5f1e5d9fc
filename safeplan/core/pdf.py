"""PDFs with WeasyPrint without touching the network: the fetcher allows `data:` URLs only, so nothing (the NHS
fonts, any image) is fetched from anywhere while rendering. Documents carry their own stylesheet inline."""

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def offline_fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    html = render_to_string(template, context)
    pdf: bytes = HTML(string=html, url_fetcher=offline_fetcher(), base_url=None).write_pdf()
    return pdf
