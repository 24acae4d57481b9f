"""The language server (LSP) for VS Code, Neovim, Helix and any LSP editor, on pygls.

``server`` holds the protocol handlers; the other modules turn engine results into LSP values
(``convert``, ``hover``, ``actions``), keep open documents in sync (``textsync``) and read the
editor's settings (``settings``) and project folders (``projects``, ``project_words``).
"""
