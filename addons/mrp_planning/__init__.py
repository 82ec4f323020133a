from . import models
from . import services
