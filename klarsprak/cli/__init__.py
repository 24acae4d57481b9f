"""The command line, a thin shell over the engine: ``check``, ``rules``, ``explain``, ``stats``,
``report`` and ``lsp`` (``main`` holds the command group and the entry point ``run``)."""
