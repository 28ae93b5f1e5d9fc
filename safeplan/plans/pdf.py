"""The agreed plan as a PDF, made with WeasyPrint without touching the network.

The document carries its own stylesheet inline; the fetcher allows `data:` URLs only, so nothing (the NHS fonts,
any image) is fetched from anywhere while rendering.
"""

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def offline_fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_plan_pdf(context: dict) -> bytes:
    html = render_to_string("plans/pdf.jinja", context)
    return HTML(string=html, url_fetcher=offline_fetcher(), base_url=None).write_pdf()
