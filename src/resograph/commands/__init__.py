"""CLI sub-commands: one module each, exposing ``register(subparsers)``.

Every command sets ``func`` (via ``set_defaults``) to a function taking the parsed args and returning
an exit status. Raise :class:`resograph.core.errors.UserError` for bad input: the CLI prints one line and
exits with status 2.
"""
