"""`python -m tui DOC` opens the review screen, like `budget-review review DOC`."""
import sys

from core.cli import main

sys.exit(main(["review", *sys.argv[1:]]))
