from . import mrp_engine
from . import supplier_score
from . import daily_report
