"""`python -m disclosed`: the same as the `disclosed` command."""

from disclosed.cli import main

main()
