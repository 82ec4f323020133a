from . import mrp_order_closeout_reopen
from . import mrp_daily_report_wizard
from . import mrp_production_notice_wizard
