"""No risk category (low / medium / high, a risk score or level) appears anywhere in the product (issue 13, item 4;
DESIGN's language principle): every template, every template file of plans and every module's words are searched."""

import re
from pathlib import Path

import safeplan

ROOT = Path(safeplan.__file__).parent
LABEL = re.compile(
    r"\b(low|lower|medium|moderate|high|higher|very high|significant)[- ]risk\b"
    r"|\brisk (level|rating|score|category|categories|band|grade|tier|stratification)\b"
    r"|\b(red|amber|green)[- ](rag|risk)\b|\bRAG (rating|status)\b",
    re.IGNORECASE,
)
SEARCHED = ("*.jinja", "*.html", "*.txt", "*.toml", "*.json", "*.py", "*.md")


def product_files() -> list[Path]:
    found = [path for pattern in SEARCHED for path in ROOT.rglob(pattern)]
    return [path for path in found if "tests" not in path.parts and "migrations" not in path.parts]


def test_the_search_finds_a_risk_label_where_there_is_one():
    for words in ["Low risk", "medium-risk", "HIGH RISK", "risk level: 3", "a risk score", "RAG rating"]:
        assert LABEL.search(words), words
    for words in ["What do you need to stay safe?", "positive risk taking", "the risks of each option"]:
        assert not LABEL.search(words), words


def test_no_template_module_or_plan_template_labels_anyone_by_risk():
    files = product_files()
    assert len([path for path in files if path.suffix == ".jinja"]) > 50  # the search reaches the templates
    found = {
        f"{path.relative_to(ROOT)}:{number}": line.strip()
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if LABEL.search(line)
    }
    assert found == {}
