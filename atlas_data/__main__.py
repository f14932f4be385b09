import sys

from atlas_data.cli import main

sys.exit(main())
