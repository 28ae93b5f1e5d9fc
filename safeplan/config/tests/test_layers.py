"""The layering contracts in pyproject.toml hold today, and each one fails when the import it forbids appears."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = shutil.which("lint-imports")
pytestmark = pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is a dev dependency")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(  # noqa: S603 - our own dev tool, on our own copy of the code
        [str(LINT_IMPORTS), "--no-cache", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("house")
    shutil.copytree(ROOT / "safeplan", copy / "safeplan", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_code_keeps_every_layering_contract(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("plans/models.py", "import safeplan.harm.models", "plans imports none of its add-ons"),
        ("core/forms.py", "import safeplan.people.models", "core and audit import no domain app"),
        ("audit/services.py", "import safeplan.plans.models", "core and audit import no domain app"),
        ("people/access.py", "import safeplan.plans.queries", "Layers"),
        ("plans/queries.py", "import safeplan.site.navigation", "Layers"),
        ("decisions/services.py", "import safeplan.harm.services", "capabilities are independent"),
        ("harm/services.py", "import safeplan.plans.snapshots", "only through its public APIs"),
    ],
)
def test_each_contract_fails_on_the_import_it_forbids(tree, module, line, broken):
    path = tree / "safeplan" / module
    original = path.read_text()
    try:
        path.write_text(original + f"\n{line}  # noqa\n")
        result = lint_imports(tree)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    broken_lines = [text for text in result.stdout.splitlines() if "BROKEN" in text]
    assert any(broken in text for text in broken_lines), result.stdout


def test_every_safeplan_app_has_its_place_in_the_layers():
    """A new capability left out of the contracts would be checked by none of them: name it in its layer."""
    import tomllib

    from django.conf import settings

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["id"] == "layers")["layers"]
    placed = {name.strip() for layer in layers for name in layer.split("|")}
    apps = {app for app in settings.INSTALLED_APPS if app.startswith("safeplan.")} | {"safeplan.config"}
    assert apps <= placed, f"not in the layers contract: {sorted(apps - placed)}"
    independent = next(c for c in contracts if c["id"] == "capabilities-independent")["modules"]
    capability_layer = next(layer for layer in layers if "safeplan.harm" in layer)
    assert {name.strip() for name in capability_layer.split("|")} == set(independent)
