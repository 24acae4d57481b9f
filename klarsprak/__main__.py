from klarsprak.cli import run

run()
