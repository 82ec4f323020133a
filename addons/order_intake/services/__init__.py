from . import amount_in_words
from . import promise
from . import locking
