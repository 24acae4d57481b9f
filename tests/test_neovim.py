"""A real editor: headless Neovim (Debian's ``neovim``, built-in LSP client) against ``klarsprak lsp``.

Neovim converts the server's UTF-16 positions to byte columns itself, so a finding after «æøå» and an
emoji only lands on the right column if the position encoding is honoured end to end.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project_rules import write_project_rules
from tests.test_lsp import CONFIG, NN_RULE, RULE

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent

POST = """---
kanal: facebook
---
# Informasjon vedrørende timebestilling 😀

Vi gjør oppmerksom på at det foreligger endringer i ordningen, og henvendelser vedrørende
timebestilling skal fortrinnsvis rettes via helsenorge.no.
"""

SCRIPT = r"""
local post, out, python = vim.env.KLARSPRAK_POST, vim.env.KLARSPRAK_OUT, vim.env.KLARSPRAK_PYTHON
vim.cmd('edit ' .. vim.fn.fnameescape(post))
local buf = vim.api.nvim_get_current_buf()
local config = {
  name = 'klarsprak',
  cmd = { python, '-m', 'klarsprak', 'lsp' },
  root_dir = vim.fn.fnamemodify(post, ':h'),
}
local client_id
if vim.lsp.start then  -- Neovim 0.8+
  client_id = vim.lsp.start(config)
else                   -- Neovim 0.7
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
local found = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
local result = { found = found, diagnostics = {}, encoding = vim.lsp.get_client_by_id(client_id).offset_encoding }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result.diagnostics, {
    lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
    source = d.source, message = d.message, code = d.code or lsp.code,
  })
end
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = 3, character = 19 },
}, 20000) or {}
for _, answer in pairs(hover) do
  if answer.result then result.hover = answer.result.contents.value end
end
vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qa!')
"""


def byte_col(line: str, index: int) -> int:
    return len(line[:index].encode("utf-8"))


def test_neovim_shows_diagnostics_on_a_bureaucratic_post(tmp_path: Path):
    nvim = shutil.which("nvim")
    if nvim is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Neovim mangler i CI; .ci/run skal installere pakken neovim")
        pytest.skip("Neovim (nvim) er ikke installert her; installer Debian-pakken neovim for å kjøre testen")
    write_project_rules(tmp_path, {"stivt.yaml": RULE, "ikkje-bokmal.yaml": NN_RULE})
    (tmp_path / ".klarsprak.yaml").write_text(CONFIG, encoding="utf-8")
    post = tmp_path / "innlegg.md"
    post.write_text(POST, encoding="utf-8")
    script = tmp_path / "test.lua"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "resultat.json"
    env = {**os.environ, "KLARSPRAK_POST": str(post), "KLARSPRAK_OUT": str(out), "KLARSPRAK_PYTHON": sys.executable,
           "KLARSPRAK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT),
           "XDG_CACHE_HOME": str(tmp_path / "xdg-cache"), "XDG_STATE_HOME": str(tmp_path / "xdg-state"),
           "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    run = subprocess.run([nvim, "--headless", "--clean", "-c", f"luafile {script}"], env=env,
                         capture_output=True, timeout=180, stdin=subprocess.DEVNULL)
    assert out.is_file(), f"Neovim skrev ikke noe resultat: {run.stderr.decode(errors='replace')[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["found"], "ingen diagnostikk i Neovim"
    assert result["encoding"] == "utf-16"
    lines = POST.splitlines()
    expected = []
    for lnum, line in enumerate(lines):
        for word in ("vedrørende", "foreligger"):
            start = line.find(word)
            if start >= 0:
                expected.append((lnum, byte_col(line, start), byte_col(line, start + len(word))))
    got = sorted((d["lnum"], d["col"], d["end_col"]) for d in result["diagnostics"] if d["code"] == "stivt")
    assert got == sorted(expected)
    assert all(d["source"] == "klarsprak" for d in result["diagnostics"])
    assert any(d["message"].startswith("«vedrørende» er stivt. Skriv heller «om».") for d in result["diagnostics"])
    assert "**stivt**" in result["hover"] and "Stive ord gjør teksten tung" in result["hover"]
