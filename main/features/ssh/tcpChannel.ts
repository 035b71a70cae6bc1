import type { Client, ClientChannel } from 'ssh2';

/** Where the far end should say a forwarded connection came from (ssh -L reports the local client's address). */
interface ChannelOrigin {
  address: string;
  port: number;
}

const LOOPBACK: ChannelOrigin = { address: '127.0.0.1', port: 0 };

/** A `direct-tcpip` channel: TCP from the SSH server to `host:port` (jump hops, -L forwards, BMCs, VNC). */
export function openTcpChannel(client: Client, host: string, port: number, from = LOOPBACK): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    client.forwardOut(from.address, from.port, host, port, (error, channel) =>
      error ? reject(error) : resolve(channel),
    ),
  );
}

/** A `direct-streamlocal@openssh.com` channel: the SSH server's unix socket at `socketPath` (libvirt, QEMU VNC). */
export function openUnixChannel(client: Client, socketPath: string): Promise<ClientChannel> {
  return new Promise((resolve, reject) =>
    client.openssh_forwardOutStreamLocal(socketPath, (error, channel) => (error ? reject(error) : resolve(channel))),
  );
}
