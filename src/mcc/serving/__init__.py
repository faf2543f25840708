"""`mcc serve --workers N`: one HTTP worker process per core, and what they share, started once.

A single Python process serves on one core: a chat turn's CPU work (the rules engine, BM25, a
query embedding) queues every other request behind it. So `mcc serve` runs a small supervisor
(`supervisor`) that binds the port, migrates, loads the bundled playbooks on a first start and
runs the sync runtime (outbox, inbox and reconciler workers) once, then starts N worker processes
(`worker`) that accept on the same socket and each run the ordinary `create_app()`.

What crosses processes goes through the supervisor's relay (`relay`, a Unix socket in a private
temporary directory): a worker's webhook wakes the supervisor's inbox worker, and on SQLite every
live event ("campaign X changed") is handed back to every worker, so a browser connected to any
worker sees a change made through any other. On PostgreSQL events already travel as NOTIFY to
every process. The knowledge index lives in each worker's memory; the workers build it one after
another (a file lock), so only the first embeds what is missing and the others read its vectors.
"""
