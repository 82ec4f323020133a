from . import mrp_engine
from . import supplier_score
from . import delay_alerts
from . import daily_report
