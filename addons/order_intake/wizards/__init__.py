from . import order_intake_override_wizard
from . import order_intake_import_wizard
from . import order_intake_import_line
