from . import mrp_order_closeout_reopen
from . import mrp_daily_report_wizard
