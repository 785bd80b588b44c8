"""A Ctrl-C is never lost: not even when Python raises it inside a finaliser, which drops it."""
import os
import signal

import pytest

from cleaner.run.interrupt import watched


class _Finalised:
    def __del__(self):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(10_000):     # the handler runs on a backward jump: inside this __del__
            pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_raised_inside_a_finaliser_is_still_seen():
    with watched() as interrupts:
        _Finalised()                            # KeyboardInterrupt raised in __del__, and dropped there
        assert interrupts.seen
        with pytest.raises(KeyboardInterrupt):
            interrupts.check()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler     # Python's handler back


def test_a_caller_that_ignores_ctrl_c_keeps_it_ignored():
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with watched() as interrupts:
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGINT)
            interrupts.check()                  # nothing came through
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
