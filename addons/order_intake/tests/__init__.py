from . import test_customer_grade
from . import test_import_wizard
from . import test_intake_checks
from . import test_order_api
from . import test_security
from . import test_translations
from . import test_ui
