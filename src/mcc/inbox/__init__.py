"""Webhooks in, for any system: the store (dedupe, claim, park, replay) and the door that fills it.

The system's rules come from `mcc.integrations.backends`; the worker that applies stored events
is `mcc.sync.inbound`.
"""
