"""Reading a resolution: text → paragraphs → mentions → citations (clean, segment, find, resolve, extract).

Data, apart from the code: ``patterns`` (the reference grammar) and ``lexicon`` (the SKOS clause
functions and the registry's names). Depends only on :mod:`resograph.core`.
"""
