from . import order_intake_override_wizard
