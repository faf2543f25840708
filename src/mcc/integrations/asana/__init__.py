"""Asana behind the neutral `WorkManagement` contract (reference: shared/reference/asana-api.md)."""
