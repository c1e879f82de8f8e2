"""Validation rules: small functions over the corrected document, each returning findings.

A difference of at most 0.01 per summed part is a rounding difference (severity `rounding`);
anything larger is an `error`. One disagreement is reported once.
"""
from __future__ import annotations

from typing import Callable

from .cross_rules import check_cross_tables, check_identities, check_toc_tables, check_unrecoverable
from .findings import Finding, severity
from .model import Document, Table
from .prose_rules import (check_headcounts, check_project_budgets, check_project_fund_sources, check_project_targets,
                          check_prose_breakdowns, check_prose_changes, check_prose_figures, check_prose_rates,
                          check_prose_subjects, check_prose_sums, check_units)
from .table_rules import (check_form_funds, check_form_grids, check_hierarchy, check_panel_balance,
                          check_row_identities)

__all__ = ["Finding", "severity", "validate", "validate_table", "TABLE_RULES", "DOCUMENT_RULES"]


TABLE_RULES: tuple[Callable[[Document, int, Table], list[Finding]], ...] = (
    check_row_identities, check_hierarchy, check_form_funds, check_form_grids, check_panel_balance)
DOCUMENT_RULES: tuple[Callable[[Document], list[Finding]], ...] = (
    check_cross_tables, check_identities, check_prose_rates, check_prose_breakdowns, check_prose_changes,
    check_project_budgets, check_project_fund_sources, check_project_targets, check_prose_subjects, check_prose_figures,
    check_prose_sums, check_headcounts, check_units, check_toc_tables, check_unrecoverable)


def validate_table(doc: Document, ti: int) -> list[Finding]:
    table = doc.tables[ti]
    if not table.recoverable:
        return []
    out = []
    for rule in TABLE_RULES:
        out.extend(rule(doc, ti, table))
    return out


def validate(doc: Document, per_table: dict[int, list[Finding]] | None = None) -> list[Finding]:
    """All findings of a document, numbered in document order. `per_table` may carry cached
    findings of unchanged tables (the TUI re-validates only the table that was edited)."""
    findings: list[Finding] = []
    for ti in range(len(doc.tables)):
        findings.extend(per_table[ti] if per_table is not None and ti in per_table else validate_table(doc, ti))
    for rule in DOCUMENT_RULES:
        findings.extend(rule(doc))
    for n, f in enumerate(findings, start=1):
        f.id = f"F{n}"
    return findings
