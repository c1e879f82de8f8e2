"""`python -m cli …` runs the command line, as `budget-review …` does."""
import sys

from .main import main

sys.exit(main())
