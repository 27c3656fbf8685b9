"""Named fault points for the crash tests.

A process started with CASSON_FAULT_POINT=<name> kills itself with SIGKILL the first time
it reaches that point, so a test can prove that a write cut off there leaves all of the
change or none of it. Unset (always, outside those tests) a point does nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "CASSON_FAULT_POINT"


def point(name: str) -> None:
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
