import sys

from modeldesk.cli import main

sys.exit(main())
