"""`python -m nutshell ...`: the same as the `nutshell` console script."""

from nutshell.app import main

main()
