"""Every ```python block of docs/*.md runs.

Blocks of a page run in order in one namespace, in a scratch folder holding a copy of
``seeds/`` (and of it as ``my_gold/``, the folder the evaluation page uses). A page whose
blocks need the statistical model (a ``# needs: model`` line, or a call that extracts) is
marked ``model``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BLOCK = re.compile(r"^```python[^\n]*\n(.*?)^```", re.S | re.M)
MODEL_MARKER = "# needs: model"
MODEL_CALLS = ("extract_meetings(", "iter_meetings(", "diplomeet.load(", "diplomeet.evaluate(")


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text(encoding="utf-8"))


def needs_model(block: str) -> bool:
    return MODEL_MARKER in block or any(call in block for call in MODEL_CALLS)


def pages() -> list:
    params = []
    for page in sorted(DOCS.glob("*.md")):
        blocks = python_blocks(page)
        if not blocks:
            continue
        marks = [pytest.mark.model] if any(needs_model(b) for b in blocks) else []
        params.append(pytest.param(page, id=page.name, marks=marks))
    return params


def test_there_are_examples_without_the_model():
    assert any(
        python_blocks(p) and not any(needs_model(b) for b in python_blocks(p))
        for p in DOCS.glob("*.md")
    )


def test_block_extraction():
    text = "x\n```python\na = 1\n```\n\n```\nshell\n```\n```python\n# needs: model\nb = 2\n```\n"
    blocks = BLOCK.findall(text)
    assert blocks == ["a = 1\n", "# needs: model\nb = 2\n"]
    assert [needs_model(b) for b in blocks] == [False, True]


@pytest.mark.parametrize("page", pages())
def test_docs_page_examples_run(page, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "seeds", tmp_path / "my_gold")
    monkeypatch.chdir(tmp_path)
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    namespace: dict = {"__name__": f"docs_{page.stem}"}
    for number, block in enumerate(python_blocks(page), start=1):
        code = compile(block, f"{page.name} (python block {number})", "exec")
        exec(code, namespace)  # noqa: S102 - the docs are ours
    import matplotlib.pyplot as plt

    plt.close("all")
