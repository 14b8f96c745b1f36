"""CSV output of meetings in the "event" form (one row per meeting); no pandas needed."""

from __future__ import annotations

import csv as _csv
import os
from collections.abc import Iterable
from typing import IO, Union

from diplomeet.formats._common import EVENT_COLUMNS, as_meetings, event_row, iso, write_to
from diplomeet.models import Meeting

PathOrFile = Union[str, "os.PathLike[str]", IO[str]]


def write_csv(meetings: Iterable[Meeting], path_or_file: PathOrFile) -> int:
    """Write one CSV row per meeting, with a header (columns as ``to_dataframe(form="event")``).

    Dates are ISO strings, lists are joined with ``"; "``, missing values are empty.

    Args:
        meetings: The meetings to write.
        path_or_file: A file path (created or overwritten) or an open text file.

    Returns:
        The number of rows written.
    """
    items = as_meetings(meetings, func="write_csv")
    return write_to(path_or_file, lambda fh: _write(items, fh), func="write_csv", newline="")


def _write(items: list[Meeting], fh: IO[str]) -> int:
    writer = _csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for m in items:
        row = event_row(m)
        row["date"] = iso(row["date"])
        row["date_end"] = iso(row["date_end"])
        writer.writerow(row)
    return len(items)
