"""`python -m cleaner` is the `cleaner` command."""
import sys

from .cli import main

sys.exit(main())
