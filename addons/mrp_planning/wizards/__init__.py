from . import mrp_order_closeout_reopen
