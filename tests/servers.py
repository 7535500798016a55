"""A uvicorn server in a thread on a free loopback port, for the endpoint's tests."""

from __future__ import annotations

import threading
import time

import httpx
import uvicorn


class Running:
    """The app served on 127.0.0.1 (port 0: the OS picks) with ``config``, or a plain uvicorn
    configuration; ``client`` talks to it, ``stop()`` ends it."""

    def __init__(self, app, config: uvicorn.Config | None = None, timeout: float = 30) -> None:
        self.server = uvicorn.Server(config or uvicorn.Config(app, host="127.0.0.1", port=0,
                                                              log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=timeout)

    def stop(self) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(30)
