"""Re-exports ``clear_street._seam``, the hand-written seam between generated and hand-written code. Custom
template: overrides/templates/client.py.jinja (the stock one is a client of its own, which this package does not use)."""

from .._seam import *
from .._seam import __all__ as __all__
