from . import digest
from . import change_plan
