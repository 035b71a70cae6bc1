import { createSocket } from 'node:dgram';

/** A UDP port the kernel says is free on `address` right now. */
export function freeUdpPort(address: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', reject);
    socket.bind(0, address, () => {
      const { port } = socket.address();
      socket.close(() => resolvePort(port));
    });
  });
}

/** Whether something is bound to address:port (our own bind attempt fails with EADDRINUSE). */
export function udpPortBound(address: string, port: number): Promise<boolean> {
  return new Promise((resolveBound) => {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.close();
      resolveBound(error.code === 'EADDRINUSE');
    });
    socket.bind(port, address, () => socket.close(() => resolveBound(false)));
  });
}
