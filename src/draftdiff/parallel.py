"""Work shared with a second core: a forked child computes one part while this process does another.

Used where the work splits into independent parts whose results are cheap to send back (pickled through a
pipe); the results are the same as computed in one process, in the same order. Nothing here runs where
``os.fork`` is missing or the machine has one core: the callers then do all the work themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

__all__ = ["in_child", "second_core"]

T = TypeVar("T")


def second_core() -> bool:
    """Whether a forked child could run beside this process on a core that is idle right now.

    Forking costs CPU time (copy-on-write faults, pickling): on a busy machine it makes a run slower, so
    Linux's count of runnable tasks (``/proc/loadavg``, this process included) must leave a core free.
    """
    cpus = os.cpu_count() or 1
    if not hasattr(os, "fork") or cpus < 2:
        return False
    try:
        with open("/proc/loadavg", encoding="ascii") as f:
            running = int(f.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < cpus


def in_child(work: Callable[[], T]) -> Callable[[], T | None]:
    """Start ``work()`` in a forked child process; return a function that waits for its result (None if
    the child could not deliver it). The result travels back pickled through a pipe. Call the returned
    function exactly once, also when the parent's own share fails (else the child waits on the pipe).

    >>> in_child(lambda: sum(range(10)))()
    45
    """
    import pickle  # lazily: a small compare never forks, and start-up stays short

    try:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
    except OSError:
        return lambda: None
    if pid == 0:  # the child: compute, send, leave without running the parent's clean-up
        status = 1
        try:
            os.close(read_fd)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)

    def result() -> T | None:
        chunks: list[bytes] = []
        with os.fdopen(read_fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            return None
        return pickle.loads(b"".join(chunks))

    return result
