from . import test_approval
from . import test_digest
from . import test_purchase_approval
from . import test_review
from . import test_security
from . import test_ui
