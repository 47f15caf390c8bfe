"""``python -m assistant …`` runs the command line (:func:`assistant.cli.main`)."""

import sys

from assistant.cli import main

sys.exit(main())
