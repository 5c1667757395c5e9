"""What the app keeps (app/state.py): a value made on first use is made once, even when several
requests ask for it at the same moment (a PDF takes a second or more to make)."""

import threading

from app.state import OnceCache


def test_each_value_is_made_once_under_concurrent_requests():
    cache, made = OnceCache(), []
    barrier = threading.Barrier(4)

    def make():
        made.append(1)
        return b"%PDF-1.7"

    def worker():
        barrier.wait()
        cache.get(("en", "x", "plan"), make)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1]
    assert ("en", "x", "plan") in cache
    assert cache.get(("en", "x", "plan"), lambda: b"other") == b"%PDF-1.7"
    assert cache.get(("ar", "x", "plan"), lambda: b"other") == b"other"  # another key: made
