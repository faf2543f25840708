"""Webhooks in: authenticate, store with a dedupe key, answer 2xx at once, apply in a worker."""
