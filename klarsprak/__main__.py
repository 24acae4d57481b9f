from klarsprak.cli.main import run

run()
