"""A moved wall clock for every Python process of a test run that asks for one (tests only).

With this folder on PYTHONPATH, `LIVINGLAB_TEST_CLOCK=2027-01-03T21:30:00+00:00` makes the process's
wall clock read that moment now and run on (time-machine: `time.time`, `datetime.now`, `date.today`;
monotonic clocks, sleeps and timeouts are untouched). The offset from the real clock is written
back as `LIVINGLAB_TEST_CLOCK_OFFSET`, which children inherit: a scheduler started by a test shares
its parent's clock instead of starting its own at the same moment again.
"""

import os
import time
from datetime import datetime


def _travel():
    offset = os.environ.get("LIVINGLAB_TEST_CLOCK_OFFSET")
    moment = os.environ.get("LIVINGLAB_TEST_CLOCK")
    if offset is None and not moment:
        return
    import time_machine

    if offset is None:
        offset = repr(datetime.fromisoformat(moment).timestamp() - time.time())
        os.environ["LIVINGLAB_TEST_CLOCK_OFFSET"] = offset
    time_machine.travel(time.time() + float(offset), tick=True).start()


_travel()
