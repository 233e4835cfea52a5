"""The subcommands of the command line, one module each; cli.py says what a module holds."""
