"""Marketing Command Center: a self-hostable campaign assistant for marketing operations teams."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mcc")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
