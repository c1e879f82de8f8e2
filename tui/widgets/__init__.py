"""Widgets of the review screen, one module per job."""
