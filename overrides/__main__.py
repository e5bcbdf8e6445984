"""``python -m clear_street``: the same as the ``clear-street`` command."""

from ._cli import main

raise SystemExit(main())
