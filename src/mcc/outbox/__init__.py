"""Calls we owe other systems: rows written with the change, delivered after commit by a worker."""
