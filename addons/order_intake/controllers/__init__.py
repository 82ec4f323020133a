from . import order_api
