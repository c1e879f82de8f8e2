"""The Textual review screen: a thin layer over `core`."""
