"""`python -m phonghop` is the `phonghop` command."""
import sys

from phonghop.cli import main

if __name__ == "__main__":  # a spawned helper process (the page renderer) imports this too
    sys.exit(main())
