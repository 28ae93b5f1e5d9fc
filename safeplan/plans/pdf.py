"""The agreed plan as a PDF (core.pdf: WeasyPrint, offline)."""

from typing import Any

from safeplan.core.pdf import offline_fetcher, render_pdf

__all__ = ["offline_fetcher", "render_plan_pdf"]


def render_plan_pdf(context: dict[str, Any]) -> bytes:
    return render_pdf("plans/pdf.jinja", context)
