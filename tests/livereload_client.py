"""A LiveReload client as livereload.js speaks the protocol, for the tests and the benchmark:
it says hello, tells the server which page it shows (`info`), and hands back the server's
commands one at a time. Its own event loop runs in a thread, so a test can block on it."""

from __future__ import annotations

import asyncio
import json
import threading

from tornado.websocket import websocket_connect

PROTOCOL = "http://livereload.com/protocols/official-7"


class LiveReloadClient:
    """Connected to `server` ("http://127.0.0.1:PORT/") as a tab showing `page_url`."""

    def __init__(self, server: str, page_url: str, timeout: float) -> None:
        self.timeout = timeout
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        socket_url = "ws" + server.removeprefix("http").rstrip("/") + "/livereload"
        self.connection = self._call(self._connect(socket_url, page_url))

    async def _connect(self, socket_url: str, page_url: str):
        connection = await websocket_connect(socket_url)
        await connection.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
        assert json.loads(await connection.read_message())["command"] == "hello"
        await connection.write_message(json.dumps({"command": "info", "url": page_url,
                                                   "plugins": {}}))
        # The server answers every hello, in order: this answer means it has read the info,
        # so a save made from now on reaches this tab.
        await connection.write_message(json.dumps({"command": "hello", "protocols": [PROTOCOL]}))
        assert json.loads(await connection.read_message())["command"] == "hello"
        return connection

    def next_command(self) -> dict:
        """The server's next message (TimeoutError past the timeout: only when broken)."""
        return self._call(self._read())

    def commands_so_far(self) -> list[dict]:
        """The messages the server sent before it read this call's hello (its answers come
        in order, after anything it sent earlier, a reload included)."""
        return self._call(self._commands_so_far())

    async def _read(self) -> dict:
        message = await self.connection.read_message()
        assert message is not None, "the server closed the connection"
        return json.loads(message)

    async def _commands_so_far(self) -> list[dict]:
        await self.connection.write_message(json.dumps({"command": "hello",
                                                        "protocols": [PROTOCOL]}))
        commands = []
        while (command := await self._read())["command"] != "hello":
            commands.append(command)
        return commands

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.connection.close)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(self.timeout)
        self.loop.close()

    def _call(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(self.timeout)
