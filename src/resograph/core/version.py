"""The package version, apart from ``resograph/__init__`` so that no layer imports upwards for it."""

__version__ = "0.1.0"
