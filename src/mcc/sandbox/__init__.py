"""Local emulators of the work-management systems MCC talks to.

Each emulator is its own ASGI application with its own store, so tests and demos run the real
HTTP client code against a faithful server on loopback instead of mocking it (DESIGN.md §5.7).
Importing this package is cheap: the emulators live in subpackages (``sandbox.workfront``).
"""
