"""Output formats: JSON Lines, CSV, pandas DataFrames, PLOVER records and CAMEO dyads.

pandas is imported only when :func:`to_dataframe` is called.
"""

from __future__ import annotations

from diplomeet.formats.cameo import CAMEO_COLUMNS, to_cameo
from diplomeet.formats.csv import write_csv
from diplomeet.formats.dataframe import to_dataframe
from diplomeet.formats.jsonl import read_jsonl, write_jsonl
from diplomeet.formats.plover import to_plover

__all__ = [
    "CAMEO_COLUMNS",
    "read_jsonl",
    "to_cameo",
    "to_dataframe",
    "to_plover",
    "write_csv",
    "write_jsonl",
]
