"""A TCP proxy on 127.0.0.1 in front of a real server (nginx), adding what nginx-light cannot do
by itself: a fixed delay on every request (a far-away mirror), a cap on the total rate of all
connections together (a mirror behind a thin shared uplink), a cap per connection that holds
across the requests a kept-alive connection carries (nginx's limit_rate lets each request's first
second through, so short range requests would not be throttled at all), and a far link.

A far link (`rtt_s`, `window`) is what a trans-Pacific path does to TCP, which this kernel cannot
emulate (no netem): every chunk is held for half the round trip in each direction, pipelined, a new
connection waits one round trip for its handshake, and each connection has at most `window` bytes
unacknowledged (a chunk's bytes count until half a round trip after it is delivered, when its
acknowledgement would arrive), so one connection moves at most window / rtt bytes a second, as a
TCP connection with that window does."""

from __future__ import annotations

import asyncio
import threading
import time

from tests.helpers.ports import free_port

CHUNK = 64 * 1024


class _Bucket:
    """Token bucket shared by every connection; at most 50 ms of burst."""

    def __init__(self, rate: float):
        self.rate = rate
        self.cap = max(CHUNK, rate * 0.05)
        self.tokens = self.cap
        self.stamp = time.monotonic()

    async def take(self, n: int) -> None:
        while True:
            now = time.monotonic()
            self.tokens = min(self.cap, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            if self.tokens >= n:
                self.tokens -= n
                return
            await asyncio.sleep((n - self.tokens) / self.rate)


class ShapingProxy:
    def __init__(self, upstream_port: int, delay_s: float = 0.0, total_rate: float | None = None,
                 conn_rate: float | None = None, rtt_s: float = 0.0, window: int = 0):
        self.upstream_port = upstream_port
        self.rtt_s, self.window = rtt_s, window
        self.conn_rate = conn_rate
        self.delay_s = delay_s
        self.total_rate = total_rate
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.delivered = 0  # bytes written to clients (downstream): what they got, not what upstream buffered
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._main, name="shaping-proxy", daemon=True)

    def __enter__(self) -> ShapingProxy:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("proxy did not start")
        return self

    def __exit__(self, *exc) -> None:
        self._loop.call_soon_threadsafe(self._stop_event.set)
        self._thread.join(10)

    def _main(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._serve())
        self._loop.close()

    async def _serve(self) -> None:
        self._stop_event = asyncio.Event()
        bucket = _Bucket(self.total_rate) if self.total_rate else None
        tasks: set[asyncio.Task] = set()

        async def pump(reader, writer, delay: float, limits: tuple[_Bucket, ...], down: bool = False) -> None:
            try:
                while data := await reader.read(CHUNK):
                    if delay:
                        await asyncio.sleep(delay)
                    for limit in limits:
                        await limit.take(len(data))
                    writer.write(data)
                    await writer.drain()
                    if down:
                        self.delivered += len(data)
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                writer.close()

        async def far_pump(reader, writer, limits: tuple[_Bucket, ...], window: int) -> None:
            """Chunks arrive half a round trip after they left, in order, without holding each other up."""
            loop = asyncio.get_running_loop()
            half = self.rtt_s / 2
            queue: asyncio.Queue = asyncio.Queue()
            unacked = [0]
            room = asyncio.Event()
            room.set()

            def acked(n: int) -> None:
                unacked[0] -= n
                room.set()

            async def deliver() -> None:
                while (item := await queue.get()) is not None:
                    due, data = item
                    if (wait := due - loop.time()) > 0:
                        await asyncio.sleep(wait)
                    writer.write(data)
                    await writer.drain()
                    if window:
                        loop.call_later(half, acked, len(data))

            delivering = asyncio.ensure_future(deliver())
            try:
                while data := await reader.read(CHUNK):
                    for limit in limits:
                        await limit.take(len(data))
                    while window and unacked[0] >= window:
                        room.clear()
                        await room.wait()
                    unacked[0] += len(data)
                    queue.put_nowait((loop.time() + half, data))
                queue.put_nowait(None)
                await delivering
            except (ConnectionError, asyncio.CancelledError):
                delivering.cancel()
            finally:
                writer.close()

        async def handle(c_reader, c_writer) -> None:
            if self.rtt_s:
                await asyncio.sleep(self.rtt_s)  # the handshake
            try:
                u_reader, u_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            except OSError:
                c_writer.close()
                return
            own = (_Bucket(self.conn_rate),) if self.conn_rate else ()
            limits = own + ((bucket,) if bucket else ())
            if self.rtt_s:
                pair = [asyncio.ensure_future(far_pump(c_reader, u_writer, (), 0)),
                        asyncio.ensure_future(far_pump(u_reader, c_writer, limits, self.window))]
            else:
                pair = [asyncio.ensure_future(pump(c_reader, u_writer, self.delay_s, ())),
                        asyncio.ensure_future(pump(u_reader, c_writer, 0.0, limits, down=True))]
            tasks.update(pair)
            await asyncio.gather(*pair, return_exceptions=True)
            tasks.difference_update(pair)

        server = await asyncio.start_server(handle, "127.0.0.1", self.port)
        self._ready.set()
        await self._stop_event.wait()
        server.close()
        for t in list(tasks):
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()
