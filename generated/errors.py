"""Re-exports ``clear_street._deviations``, the hand-written errors of the generated models. Custom template:
overrides/templates/errors.py.jinja (the stock one's UnexpectedStatus served the stock client)."""

from .._deviations import *
from .._deviations import __all__ as __all__
