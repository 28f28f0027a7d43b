"""`python -m phonghop` is the `phonghop` command."""
import sys

from phonghop.cli import main

sys.exit(main())
