# Copyright 2026 Order Management Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import order_archive_match_override
from . import order_archive_transfer
