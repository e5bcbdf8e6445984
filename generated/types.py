"""Re-exports ``clear_street._types``, the hand-written shared types and checks of the generated code. Custom
template: overrides/templates/types.py.jinja (the stock one's File and Response served its own client)."""

from .._types import *
from .._types import __all__ as __all__
