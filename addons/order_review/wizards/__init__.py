from . import order_approval_decision_wizard
