"""The nutshell command line: a Typer app, its renderers and the training harness."""
