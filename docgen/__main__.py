"""Allow `python -m docgen`."""

import sys

try:
    from docgen.cli import main
except KeyboardInterrupt:  # Ctrl-C while Python is still importing docgen
    sys.stderr.write("docgen: interrupted\n")
    sys.exit(130)

sys.exit(main())
