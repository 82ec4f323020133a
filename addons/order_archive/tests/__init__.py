from . import test_security
from . import test_ui
from . import test_document_match
from . import test_bill_match
from . import test_invoice_double
from . import test_amount_words
from . import test_order_kpi
