from klarsprak.cli.main import program

program()
