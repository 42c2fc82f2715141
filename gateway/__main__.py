"""``python -m gateway``: the same as the ``gallery-gateway`` command."""

from gateway.cli import main

raise SystemExit(main())
