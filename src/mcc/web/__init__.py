"""The web UI: server-rendered pages (Jinja2 + htmx) and the live feed (SSE).

Routes are thin like every transport: they call services and repositories, then `render()` a
full page or, for htmx, the fragment it asked for. Nothing here is built in a browser toolchain;
`static/` holds the vendored htmx and one small script.
"""
