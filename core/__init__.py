"""The words of the domain, shared by every layer and depending on none.

`storage` and `bot` both import from here; nothing here imports either, so the
layers can point one way (edges → bot → storage → core).
"""
