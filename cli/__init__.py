"""The command line: the composition root that wires `core` (reading, checking, writing)
to the `tui` review screen. Nothing below imports it."""
