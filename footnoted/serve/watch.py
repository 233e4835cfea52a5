"""What `serve` watches, and how: the kernel's inotify events where there are (Linux), or
a look at every file's stat every POLL_SECONDS elsewhere. Either way a burst of saves becomes
one call of `on_change`, once nothing was saved for QUIET_SECONDS.

`paths()` names the watched files and folders: content/, templates/, static/ (each with all
below it) and pyproject.toml. inotify watches each of those folders and every folder below it,
and the folder each path is in without what is below it (to see pyproject.toml replaced by an
editor's rename and a watched folder created or moved there). The site and the cache, which
every build writes, are never watched.
"""

from __future__ import annotations

import ctypes
import errno
import os
import select
import struct
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

POLL_SECONDS = 0.05  # how often the polling watcher looks at the files
QUIET_SECONDS = 0.03  # a burst of saves is over when nothing changed for this long
IDLE_SECONDS = 0.5  # how often an idle inotify watcher checks whether it was stopped

Paths = Callable[[], list[Path]]


def make_watcher(paths: Paths, on_change: Callable[[], None]) -> threading.Thread:
    """An inotify watcher where the kernel has inotify and a watch for every folder is
    allowed (fs.inotify.max_user_watches); the polling one otherwise."""
    try:
        return InotifyWatcher(paths, on_change)
    except OSError:
        return Watcher(paths, on_change)


class Watcher(threading.Thread):
    """Polls the watched files' sizes and mtimes; calls `on_change` once per burst of saves."""

    def __init__(self, paths: Paths, on_change: Callable[[], None]) -> None:
        super().__init__(daemon=True, name="footnoted-watcher")
        self.paths = paths
        self.on_change = on_change
        self.stopped = threading.Event()

    def run(self) -> None:
        seen = self.snapshot()
        while not self.stopped.wait(POLL_SECONDS):
            current = self.snapshot()
            if current == seen:
                continue
            while not self.stopped.wait(QUIET_SECONDS):  # wait for the burst to end
                seen, current = current, self.snapshot()
                if current == seen:
                    break
            self.on_change()

    def snapshot(self) -> dict[str, tuple[int, int, int]]:
        """Every watched file's mtime, size and inode (plain os calls: this runs every poll,
        and pathlib's rglob took 15 ms of each at 1,000 articles)."""
        state: dict[str, tuple[int, int, int]] = {}
        for top in self.paths():
            _add_stats(str(top), state)
        return state

    def stop(self) -> None:
        self.stopped.set()


def _add_stats(top: str, state: dict[str, tuple[int, int, int]]) -> None:
    """The stat of the file `top`, or of every file below the folder `top` (not through
    linked folders, as rglob)."""
    try:
        if not os.path.isdir(top):
            stat = os.stat(top)
            state[top] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            return
        entries = list(os.scandir(top))
    except OSError:
        return  # missing, or deleted while we looked: the next poll sees it gone
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _add_stats(entry.path, state)
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        state[entry.path] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)


# From <sys/inotify.h>.
IN_ATTRIB, IN_CLOSE_WRITE, IN_MOVED_FROM, IN_MOVED_TO = 0x4, 0x8, 0x40, 0x80
IN_CREATE, IN_DELETE, IN_DELETE_SELF, IN_MOVE_SELF = 0x100, 0x200, 0x400, 0x800
IN_Q_OVERFLOW, IN_IGNORED, IN_ISDIR, IN_ONLYDIR = 0x4000, 0x8000, 0x40000000, 0x01000000
IN_NONBLOCK, IN_CLOEXEC = os.O_NONBLOCK, os.O_CLOEXEC
SAVES = (IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
         | IN_DELETE_SELF | IN_MOVE_SELF)  # not IN_MODIFY: a save ends with IN_CLOSE_WRITE
EVENT = struct.Struct("iIII")  # wd, mask, cookie, len; then len bytes of NUL-padded name


class InotifyWatcher(threading.Thread):
    """inotify(7) through ctypes; calls `on_change` once per burst of saves. Raises OSError
    when inotify cannot be had (not Linux, no watches left)."""

    def __init__(self, paths: Paths, on_change: Callable[[], None]) -> None:
        super().__init__(daemon=True, name="footnoted-watcher")
        self.paths = paths
        self.on_change = on_change
        self.stopped = threading.Event()
        self.folders: dict[int, str] = {}  # watch descriptor -> the folder it watches
        self.burst: list[str] = []  # the watched paths changed in the current burst
        self.last_burst: list[str] = []  # ... and in the last one
        libc = ctypes.CDLL(None, use_errno=True)  # the C library this Python runs on
        try:
            self._add_watch = libc.inotify_add_watch
            self.fd = libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC)
        except AttributeError as missing:
            raise OSError(errno.ENOSYS, "no inotify here") from missing
        if self.fd < 0:
            raise _os_error("inotify_init1")
        self._add_watch.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_uint32]
        try:
            self.watched = self.watch_all()
        except OSError:
            os.close(self.fd)
            raise

    def watch_all(self) -> list[str]:
        """Watch every path of `paths()` (each folder with all below it, and the folder it is
        in); the paths, as strings."""
        watched = [str(path) for path in self.paths()]
        for path in watched:
            self.watch(os.path.dirname(path))
            if os.path.isdir(path):
                self.watch_tree(path)
        return watched

    def watch_tree(self, top: str) -> None:
        for folder, _, _ in os.walk(top):
            self.watch(folder)

    def watch(self, folder: str) -> None:
        descriptor = self._add_watch(self.fd, os.fsencode(folder), SAVES | IN_ONLYDIR)
        if descriptor >= 0:
            self.folders[descriptor] = folder
        elif ctypes.get_errno() not in (errno.ENOENT, errno.ENOTDIR):  # gone since we looked
            raise _os_error(f"inotify_add_watch {folder}")

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                if not self.readable(IDLE_SECONDS) or not self.read_events():
                    continue
                while self.readable(QUIET_SECONDS):  # wait for the burst to end
                    self.read_events()
                self.end_burst()
        finally:
            os.close(self.fd)

    def readable(self, timeout: float) -> bool:
        return bool(select.select([self.fd], [], [], timeout)[0])

    def read_events(self) -> bool:
        """Read what the kernel has; whether a watched path changed."""
        try:
            data = os.read(self.fd, 65536)
        except BlockingIOError:
            return False
        changed = False
        for descriptor, mask, name in _events(data):
            if mask & IN_Q_OVERFLOW:  # events were lost: something changed
                self.burst.append("")
                changed = True
                continue
            if mask & IN_IGNORED:
                self.folders.pop(descriptor, None)
                continue
            folder = self.folders.get(descriptor)
            if folder is None:
                continue
            path = os.path.join(folder, name) if name else folder
            if self.is_watched(path):
                self.burst.append(path)
                changed = True
                if mask & IN_ISDIR and mask & (IN_CREATE | IN_MOVED_TO):
                    self.watch_new(lambda path=path: self.watch_tree(path), path)
        return changed

    def is_watched(self, path: str) -> bool:
        return any(path == top or path.startswith(top + os.sep) for top in self.watched)

    def watch_new(self, add: Callable[[], object], what: str) -> None:
        try:
            add()
        except OSError as failure:  # out of watches: say so, the saves there go unseen
            print(f"warning: serve cannot watch {what} ({failure.strerror}); saves there are "
                  "not seen until serve is restarted", file=sys.stderr, flush=True)

    def end_burst(self) -> None:
        """Call `on_change`, after watching the paths anew if pyproject.toml moved them."""
        if [str(path) for path in self.paths()] != self.watched:
            self.watched = [str(path) for path in self.paths()]
            self.watch_new(self.watch_all, "the project's folders")
        self.last_burst, self.burst = self.burst, []
        self.on_change()

    def stop(self) -> None:
        self.stopped.set()


def _events(data: bytes) -> Iterator[tuple[int, int, str]]:
    """(wd, mask, name) for each event in `data` (the kernel hands whole events only)."""
    offset = 0
    while offset + EVENT.size <= len(data):
        descriptor, mask, _, length = EVENT.unpack_from(data, offset)
        start = offset + EVENT.size
        yield descriptor, mask, os.fsdecode(data[start:start + length].rstrip(b"\0"))
        offset = start + length


def _os_error(call: str) -> OSError:
    number = ctypes.get_errno()
    return OSError(number, f"{call}: {os.strerror(number)}")
