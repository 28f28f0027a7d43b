"""`python -m app` is the `phonghop` command."""
import sys

from app.cli import main

sys.exit(main())
