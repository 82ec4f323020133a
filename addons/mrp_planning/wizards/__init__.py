from . import mrp_daily_report_wizard
