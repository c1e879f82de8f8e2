"""budget-review core: read a disclosure document, build its tree, extract and check its tables.

Nothing here imports Textual; the TUI is a thin layer over this package.
"""

__version__ = "0.1.0"
