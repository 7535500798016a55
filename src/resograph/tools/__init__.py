"""Tools for the people who develop or operate ResoGraph: synthetic corpora (``synth``), evaluation
against gold (``evaluate``), benchmarks (``bench``), load tests (``loadtest``), publishing to another
SPARQL store (``publish``). Nothing in the layers below imports them.
"""
