import type { Duplex } from 'node:stream';
import type { SshService } from '../../features/ssh/sshService';
import type { ConnectFn } from './pinnedTlsAgent';

/**
 * TCP to a BMC that only a jump host can reach: a `direct-tcpip` channel on the jump host's pooled SSH
 * connection. The lease is held while the channel is open.
 */
export function connectThroughJump(ssh: Pick<SshService, 'lease'>, jumpHostId: number): ConnectFn {
  return async (address, port) => {
    const lease = ssh.lease(jumpHostId, { interactive: false });
    try {
      const client = await lease.client();
      const stream = await new Promise<Duplex>((resolve, reject) =>
        client.forwardOut('127.0.0.1', 0, address, port, (error, channel) =>
          error ? reject(error) : resolve(channel),
        ),
      );
      stream.once('close', () => lease.release());
      return stream;
    } catch (error) {
      lease.release();
      throw error;
    }
  };
}
