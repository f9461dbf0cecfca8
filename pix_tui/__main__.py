from pix_tui.cli import main

raise SystemExit(main())
