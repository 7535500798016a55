"""Foundations every layer uses: errors, data locations, the data models, instrument keys, version.

Nothing here imports another part of resograph.
"""
