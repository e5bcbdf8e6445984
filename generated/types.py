"""Re-exports ``clear_street._types``, the hand-written shared types and checks of the generated code, and what
the models' wire form needs of ``clear_street._wire``. Custom
template: overrides/templates/types.py.jinja (the stock one's File and Response served its own client)."""

from .._types import *
from .._types import __all__ as __all__
from .._wire import REQUIRED as REQUIRED
from .._wire import WireFields as WireFields
from .._wire import learned_values as learned_values
from .._wire import loads_raw as loads_raw
