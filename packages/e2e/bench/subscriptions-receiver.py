#!/usr/bin/env python3
# The subscriptions bench's socket-time receiver (bench/subscriptions.mjs, --stamp=socket, the default):
# plain WebSocket clients speaking graphql-transport-ws, each with its own socket and one subscription,
# like subscriptions-receiver.mjs, but each event is stamped with the time the kernel put it into the
# subscriber's socket (SO_TIMESTAMPNS, the receive timestamp of the segment that completed the message),
# not with the time this process got round to reading it. The process runs as SCHED_IDLE: it reads only
# when the server's processes leave a core idle.
#
# Why: real subscribers are devices of their own. On one machine the receiving processes share the
# server's two cores, and every microsecond they spend reading is taken from the server's fan-out and
# counted in the latency a second time as their own queue (docs/realtime.md, "Benchmark"). Stamped by
# the kernel and kept off the server's CPU, the latency is the server's and the network's alone.
#
# Python, not Node: Node cannot read a socket's ancillary data. Standard library only.
# Speaks the Node receiver's protocol, one JSON object per line: on stdin 'open' (urls, count, token,
# query, variables), 'keep' (count) and 'report'; on stdout 'ready', 'opened', 'kept', 'report',
# 'failed', and pushed batches 'received' ([[cursor, [ms, ...]], ...]). Times are CLOCK_MONOTONIC
# milliseconds, the clock the bench's writer stamps its changes with.
import base64
import json
import os
import re
import selectors
import socket
import struct
import sys
import time
from urllib.parse import urlsplit

SO_TIMESTAMPNS = getattr(socket, 'SO_TIMESTAMPNS', 35)
SCM_TIMESTAMPNS = SO_TIMESTAMPNS
CURSOR = re.compile(rb'"cursor":"([A-Za-z0-9_-]+)"')
QUIET_S = 0.005
MAX_WAIT_S = 0.2
ANCILLARY = socket.CMSG_SPACE(16)


def realtime_to_monotonic_ms():
    """The offset from CLOCK_REALTIME to CLOCK_MONOTONIC, in ms (taken between two realtime reads)."""
    best = None
    for _ in range(5):
        r1 = time.clock_gettime_ns(time.CLOCK_REALTIME)
        m = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
        r2 = time.clock_gettime_ns(time.CLOCK_REALTIME)
        if best is None or r2 - r1 < best[0]:
            best = (r2 - r1, m - (r1 + r2) // 2)
    return best[1] / 1e6


def frame(opcode, payload):
    """A masked client frame (clients must mask, RFC 6455 5.3)."""
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        header = struct.pack('!BB', 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        header = struct.pack('!BBH', 0x80 | opcode, 0x80 | 126, n)
    else:
        header = struct.pack('!BBQ', 0x80 | opcode, 0x80 | 127, n)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return header + mask + masked


class Subscriber:
    def __init__(self, url, token, query, variables):
        parts = urlsplit(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f'GET {parts.path or "/"} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n'
                f'Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n'
                'Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n'
            ).encode()
        )
        response = b''
        while b'\r\n\r\n' not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise ConnectionError('closed during the WebSocket handshake')
            response += chunk
        head, _, self.buffer = response.partition(b'\r\n\r\n')
        if not head.startswith(b'HTTP/1.1 101'):
            raise ConnectionError(f'WebSocket handshake refused: {head[:200]!r}')
        self.closed = None
        self.send_text({'type': 'connection_init', 'payload': {'authorization': f'Bearer {token}'}})
        ack = self.read_blocking()
        if ack.get('type') != 'connection_ack':
            raise ConnectionError(f'no connection_ack: {ack}')
        self.send_text({'id': '1', 'type': 'subscribe', 'payload': {'query': query, 'variables': variables}})
        self.sock.setblocking(False)

    def send_text(self, message):
        self.sock.sendall(frame(0x1, json.dumps(message).encode()))

    def read_blocking(self):
        while True:
            for opcode, payload, _ in self.frames(None):
                if opcode == 0x1:
                    return json.loads(payload)
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError('closed before connection_ack')
            self.buffer += chunk

    def frames(self, stamp):
        """Complete frames in the buffer, each with the stamp of the read that completed it."""
        while len(self.buffer) >= 2:
            b0, b1 = self.buffer[0], self.buffer[1]
            n, at = b1 & 0x7F, 2
            if n == 126:
                if len(self.buffer) < 4:
                    return
                (n,), at = struct.unpack_from('!H', self.buffer, 2), 4
            elif n == 127:
                if len(self.buffer) < 10:
                    return
                (n,), at = struct.unpack_from('!Q', self.buffer, 2), 10
            if len(self.buffer) < at + n:
                return
            payload = self.buffer[at : at + n]
            self.buffer = self.buffer[at + n :]
            yield b0 & 0x0F, payload, stamp

    def read(self, received, offset_ms):
        """Reads what the socket has; returns False once it is closed."""
        while True:
            try:
                data, ancillary, _, _ = self.sock.recvmsg(65536, ANCILLARY)
            except BlockingIOError:
                return True
            except OSError:
                self.closed = self.closed or {'code': 1006, 'reason': ''}
                return False
            if not data:
                self.closed = self.closed or {'code': 1006, 'reason': ''}
                return False
            stamp = time.clock_gettime_ns(time.CLOCK_MONOTONIC) / 1e6  # should the kernel give none
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SCM_TIMESTAMPNS:
                    seconds, nanos = struct.unpack('qq', value[:16])
                    stamp = (seconds * 1e9 + nanos) / 1e6 + offset_ms
            self.buffer += data
            for opcode, payload, at in self.frames(stamp):
                if opcode == 0x1:
                    match = CURSOR.search(payload)
                    if match:
                        received(match.group(1).decode(), at)
                    elif b'"errors"' in payload or b'"type":"error"' in payload:
                        received(None, payload[:300].decode(errors='replace'))
                elif opcode == 0x9:
                    self.sock.sendall(frame(0xA, payload))
                elif opcode == 0x8:
                    code = struct.unpack('!H', payload[:2])[0] if len(payload) >= 2 else 1005
                    self.closed = {'code': code, 'reason': payload[2:].decode(errors='replace')}
                    return False


def main():
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError) as error:
        print(f'SCHED_IDLE not available: {error}', file=sys.stderr)
    out = sys.stdout
    selector = selectors.DefaultSelector()
    selector.register(sys.stdin, selectors.EVENT_READ, None)
    subscribers = []
    errors = [0]
    unreported = {}
    first_at = last_at = None
    offset_ms = realtime_to_monotonic_ms()

    def say(message):
        out.write(json.dumps(message) + '\n')
        out.flush()

    def received(cursor, at):
        nonlocal first_at, last_at
        if cursor is None:
            errors[0] += 1
            if errors[0] < 5:
                print('subscription error', at, file=sys.stderr)
            return
        unreported.setdefault(cursor, []).append(at)
        now = time.monotonic()
        first_at = first_at or now
        last_at = now

    def handle(message):
        nonlocal offset_ms
        kind = message['type']
        if kind == 'open':
            urls = message['urls']
            while len(subscribers) < message['count']:
                url = urls[len(subscribers) % len(urls)]
                sub = Subscriber(url, message['token'], message['query'], message.get('variables'))
                selector.register(sub.sock, selectors.EVENT_READ, sub)
                subscribers.append(sub)
            offset_ms = realtime_to_monotonic_ms()
            say({'type': 'opened', 'count': len(subscribers)})
        elif kind == 'keep':
            for sub in subscribers[message['count'] :]:
                selector.unregister(sub.sock)
                sub.sock.close()
            del subscribers[message['count'] :]
            say({'type': 'kept', 'count': len(subscribers)})
        elif kind == 'report':
            closes = [s.closed for s in subscribers if s.closed]
            say({'type': 'report', 'closes': closes, 'errors': errors[0]})

    say({'type': 'ready'})
    pending = b''
    while True:
        timeout = None
        if unreported:
            now = time.monotonic()
            if now - last_at >= QUIET_S or now - first_at >= MAX_WAIT_S:
                say({'type': 'received', 'batch': list(unreported.items())})
                unreported.clear()
                first_at = last_at = None
            else:
                timeout = QUIET_S
        for key, _ in selector.select(timeout):
            if key.data is None:
                chunk = os.read(sys.stdin.fileno(), 65536)
                if not chunk:
                    return  # the bench has ended: nothing of ours outlives it
                pending += chunk
                while b'\n' in pending:
                    line, pending = pending.split(b'\n', 1)
                    try:
                        handle(json.loads(line))
                    except Exception as error:  # reported to the bench, which fails the run
                        say({'type': 'failed', 'message': repr(error)})
            elif not key.data.read(received, offset_ms):
                selector.unregister(key.fileobj)


if __name__ == '__main__':
    main()
