"""`python -m ui --server http://host:port`: start the desktop client."""
import sys

from ui.app import main

sys.exit(main())
