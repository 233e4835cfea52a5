"""The network commands' HTTP helper against the local fake web: politeness and retries."""

from __future__ import annotations

import time

from footnoted.network.fetching import Fetcher, run_all


def test_requests_to_one_host_wait_their_turn_and_the_delay(web):
    fetcher = Fetcher(timeout=2, delay=0.2)
    urls = [web.url("ok") + f"?turn={n}" for n in range(3)]
    web.most_at_once = 0
    started = time.monotonic()
    assert all(response.ok for _, response in run_all(fetcher.get, urls, jobs=3))
    assert time.monotonic() - started >= 0.4  # the third may start only two delays later
    assert web.most_at_once == 1  # three threads, but one request to the host at a time


def test_a_503_is_tried_again_after_a_back_off_and_a_404_is_not(web):
    web.hits.clear()
    fetcher = Fetcher(timeout=2, retries=2, backoff=0.05, delay=0)
    assert fetcher.get(web.url("flaky")).status == 200
    assert web.log.count("/live/flaky") >= 2
    before = web.log.count("/live/gone")
    assert fetcher.get(web.url("gone")).status == 404
    assert web.log.count("/live/gone") == before + 1


def test_no_answer_is_status_zero_with_a_reason(web):
    refused = Fetcher(timeout=0.5, retries=0).get("http://127.0.0.1:9/")
    assert (refused.status, refused.error) == (0, "connection refused")
    slow = Fetcher(timeout=0.3, retries=0).get(web.url("slow"))
    assert (slow.status, slow.error) == (0, "timed out")


def test_redirects_are_followed_to_the_final_url(web):
    moved = Fetcher(timeout=2, delay=0).get(web.url("moved"))
    assert (moved.status, moved.final_url) == (200, f"http://localhost:{web.server_port}/live/ok")
