"""``python -m diplomeet``: the same as the ``diplomeet`` command."""

from __future__ import annotations

import sys

from diplomeet.cli import main

sys.exit(main())
