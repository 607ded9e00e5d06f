"""The frozen app's entry point (packaging/modeldesk.spec): the same `modeldesk` command as a pip
install, the desktop app when it is started with no command or with links."""

import sys

from modeldesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
