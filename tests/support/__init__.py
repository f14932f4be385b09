"""Helpers for the robustness tests (fuzzing, faults, hostile input, personal data)."""
