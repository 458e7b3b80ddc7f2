"""Shared by every stage: the data model, diagnostics, settings, text helpers and the safety gate."""
