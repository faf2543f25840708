"""Keeping campaigns and their work-management projects in step, both ways.

Out: campaign changes enqueue outbox rows (`outbound.py` handles them). In: webhook events
(stored by `mcc.inbox`, applied by `inbound.py`) and the reconciler (`reconciler.py`) both
apply remote state through `apply.py`, which never lets an older state overwrite a newer one.
"""
