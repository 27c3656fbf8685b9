import sys

from casson.cli import main

sys.exit(main())
