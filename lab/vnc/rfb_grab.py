#!/usr/bin/env python3
"""Independent RFB 3.8 frame grabber for the VNC tests (stdlib only; shares no code with Labvisor).

usage: rfb_grab.py HOST PORT OUT.png [PASSWORD]
Connects with security None (or VncAuth when PASSWORD is given, via `openssl enc -des-ecb -provider legacy`),
asks for one full 32-bpp raw framebuffer update and writes it as an RGB PNG.
"""
import socket, struct, subprocess, sys, zlib


def recv_exact(s, n):
    buf = b''
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise SystemExit('server closed the connection')
        buf += chunk
    return buf


def vnc_auth(password, challenge):
    key = bytes(int('{:08b}'.format(b)[::-1], 2) for b in password.encode('latin1')[:8].ljust(8, b'\0'))
    out = subprocess.run(['openssl', 'enc', '-des-ecb', '-provider', 'legacy', '-provider', 'default',
                          '-nopad', '-K', key.hex()], input=challenge, capture_output=True, check=True)
    return out.stdout


def main():
    host, port, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    password = sys.argv[4] if len(sys.argv) > 4 else None
    s = socket.create_connection((host, port), timeout=15)
    recv_exact(s, 12)
    s.sendall(b'RFB 003.008\n')
    types = recv_exact(s, recv_exact(s, 1)[0])
    if password is not None and 2 in types:
        s.sendall(b'\x02')
        s.sendall(vnc_auth(password, recv_exact(s, 16)))
    elif 1 in types:
        s.sendall(b'\x01')
    else:
        raise SystemExit('no usable security type: %r' % list(types))
    if struct.unpack('>I', recv_exact(s, 4))[0] != 0:
        raise SystemExit('security handshake failed')
    s.sendall(b'\x01')  # shared
    width, height = struct.unpack('>HH', recv_exact(s, 4))
    recv_exact(s, 16)
    recv_exact(s, struct.unpack('>I', recv_exact(s, 4))[0])
    # 32 bpp, depth 24, little endian, true colour, red at bit 16, green 8, blue 0.
    s.sendall(struct.pack('>BxxxBBBBHHHBBBxxx', 0, 32, 24, 0, 1, 255, 255, 255, 16, 8, 0))
    s.sendall(struct.pack('>BxHI', 2, 1, 0))  # SetEncodings: raw only
    s.sendall(struct.pack('>BBHHHH', 3, 0, 0, 0, width, height))
    fb = bytearray(width * height * 3)
    covered = 0
    while covered < width * height:
        kind = recv_exact(s, 1)[0]
        if kind == 0:
            recv_exact(s, 1)
            (count,) = struct.unpack('>H', recv_exact(s, 2))
            for _ in range(count):
                x, y, w, h, enc = struct.unpack('>HHHHi', recv_exact(s, 12))
                if enc != 0:
                    raise SystemExit('unexpected encoding %d' % enc)
                data = recv_exact(s, w * h * 4)
                for row in range(h):
                    for col in range(w):
                        b, g, r = data[(row * w + col) * 4:(row * w + col) * 4 + 3]
                        i = ((y + row) * width + x + col) * 3
                        fb[i:i + 3] = bytes((r, g, b))
                covered += w * h
        elif kind == 1:
            recv_exact(s, 5)
            recv_exact(s, struct.unpack('>H', recv_exact(s, 2))[0] * 6)
        elif kind == 2:
            pass
        elif kind == 3:
            recv_exact(s, 3)
            recv_exact(s, struct.unpack('>I', recv_exact(s, 4))[0])
        else:
            raise SystemExit('unexpected message %d' % kind)
    s.close()
    raw = b''.join(b'\0' + bytes(fb[r * width * 3:(r + 1) * width * 3]) for r in range(height))
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
    png += chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    with open(out, 'wb') as f:
        f.write(png)
    print('%dx%d' % (width, height))


main()
