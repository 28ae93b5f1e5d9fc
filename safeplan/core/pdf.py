"""PDFs with WeasyPrint without touching the network: the fetcher allows `data:` URLs only, so nothing (the NHS
fonts, any image) is fetched from anywhere while rendering. Documents carry their own stylesheet inline.

WeasyPrint is imported when the first PDF is made, not when the views that offer one are: importing it takes about
1.7 s and tens of megabytes, which every worker paid at its first request of any page (issue 16)."""

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


def offline_fetcher() -> "URLFetcher":
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    pdf: bytes = HTML(string=html, url_fetcher=offline_fetcher(), base_url=None).write_pdf()
    return pdf
