# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import res_company
from . import res_config_settings
from . import res_partner
from . import account_move_line
from . import account_move
from . import account_payment
from . import res_currency
from . import order_archive_uninvoiced
from . import order_archive_kpi
from . import account_move_demo
from . import order_archive_dashboard
from . import sale_order
from . import order_archive_policy
from . import order_archive_chain
from . import order_archive_snapshot
from . import order_archive_verification
from . import order_archive_run
from . import order_archive_purge
from . import ir_attachment
from . import order_archive_hold
from . import order_archive_audit_rule
from . import order_archive_audit_log
from . import base
