from . import test_mrp_engine
from . import test_mrp_run
from . import test_production_notice
from . import test_security
from . import test_ui
from . import test_supplier_score
from . import test_mrp_job
