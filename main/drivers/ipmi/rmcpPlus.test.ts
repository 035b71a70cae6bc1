import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import type { IpmiTarget } from './ipmiTarget';
import { rmcpPowerStatus } from './rmcpPlus';
import { openOperatorSessionWithState } from './rmcpChassis';

/**
 * The built-in RMCP+ client against a real ipmi_sim, through a UDP relay on 127.0.0.1 that plays the network
 * attacker: it adds generated malformed, truncated, tampered, replayed and foreign packets around the BMC's
 * genuine replies. The client must still read the right state, never take a forged reply, never throw from
 * its socket listener (vitest fails the run on an uncaught exception), and ask for USER privilege only.
 */
let lab: IpmiSimLab;

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'rmcp-fuzz' }, { name: 'rmcp-off', initialPower: 0 }]);
}, 60_000);
afterAll(async () => {
  await lab?.stop();
});

/** `reorder` swaps the first two session replies, as a network may: the client has two requests in flight. */
type Mode = 'inject' | 'tamper-session' | 'only-junk' | 'reorder';

interface Relay {
  port: number;
  seen: Buffer[];
  /** Whether `reorder` did swap two replies. */
  swapped(): boolean;
  /** The client's own UDP port, once it has sent something. */
  clientPort(): number;
  close(): void;
}

let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

/** Variations of a genuine reply an attacker on the path could send first. */
function hostileVariants(reply: Buffer, earlier: Buffer[]): Buffer[] {
  const out: Buffer[] = [];
  for (let len = 0; len < reply.length; len += 1 + rand(5)) out.push(reply.subarray(0, len));
  // An open-session reply carries no proof at all (IPMI v2.0 13.17): bits flipped in its session id are
  // undetectable by design, so only the replies that carry a proof get random bit flips.
  const unauthenticated = (reply[5]! & 0x3f) === 0x11;
  for (let i = 0; i < (unauthenticated ? 0 : 24); i++) {
    const copy = Buffer.from(reply);
    copy[4 + rand(copy.length - 4)]! ^= 1 << rand(8);
    out.push(copy);
  }
  const wrongSession = Buffer.from(reply);
  if (wrongSession.length >= 10) wrongSession.writeUInt32LE((wrongSession.readUInt32LE(6) ^ 0x55aa55aa) >>> 0, 6);
  out.push(wrongSession);
  // An encrypted, authenticated-looking reply whose ciphertext is not a whole number of AES blocks.
  const ragged = Buffer.from(reply);
  if (ragged.length > 16) {
    ragged[5] = 0xc0;
    ragged.writeUInt16LE(Math.max(0, ragged.length - 16 - 5), 14);
  }
  out.push(ragged);
  const lying = Buffer.from(reply);
  if (lying.length >= 16) lying.writeUInt16LE(0xffff, 14);
  out.push(lying);
  out.push(...earlier.slice(-4));
  for (let i = 0; i < 8; i++) out.push(randomBytes(rand(120)));
  const fakeSession = Buffer.concat([reply.subarray(0, 16), randomBytes(48)]);
  fakeSession[5] = 0xc0;
  out.push(fakeSession);
  return out;
}

async function startRelay(bmcPort: number, mode: Mode): Promise<Relay> {
  const front: Socket = createSocket('udp4');
  const back: Socket = createSocket('udp4');
  const seen: Buffer[] = [];
  const earlier: Buffer[] = [];
  let client: RemoteInfo | null = null;
  let held: Buffer | null = null;
  let swapped = false;
  const toClient = (b: Buffer) => client && front.send(b, client.port, client.address);
  front.on('message', (msg, from) => {
    client = from;
    seen.push(msg);
    back.send(msg, bmcPort, '127.0.0.1');
  });
  back.on('message', (reply) => {
    if (mode === 'only-junk') {
      for (const v of hostileVariants(reply, earlier)) toClient(v);
      return;
    }
    const isSession = reply.length > 5 && (reply[5]! & 0x3f) === 0 && (reply[5]! & 0x80) !== 0;
    if (mode === 'reorder' && isSession && !swapped) {
      if (!held) {
        held = reply;
        return;
      }
      toClient(reply);
      toClient(held);
      swapped = true;
      return;
    }
    if (mode === 'tamper-session' && isSession) {
      const forged = Buffer.from(reply);
      forged[20]! ^= 0x01;
      toClient(forged);
      return;
    }
    for (const v of hostileVariants(reply, earlier)) toClient(v);
    toClient(reply);
    earlier.push(reply);
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => back.bind(0, '127.0.0.1', resolve));
  return {
    port: front.address().port,
    seen,
    swapped: () => swapped,
    clientPort: () => client?.port ?? 0,
    close() {
      front.close();
      back.close();
    },
  };
}

const TIMEOUTS = { replySec: 0.5, retries: 1, commandMs: 10_000 };

function target(port: number, bmc = lab.bmcs[0]!): IpmiTarget {
  return {
    hostName: bmc.name,
    address: '127.0.0.1',
    port,
    user: bmc.user,
    password: bmc.password,
    cipherSuite: 3,
    jumpHostId: null,
  };
}

describe('RMCP+ client under hostile packets', () => {
  it('reads the right state with malformed, truncated, tampered and replayed packets before every reply', async () => {
    for (const [bmc, state] of [
      [lab.bmcs[0]!, 'on'],
      [lab.bmcs[1]!, 'off'],
    ] as const) {
      const relay = await startRelay(bmc.port, 'inject');
      try {
        expect(await rmcpPowerStatus(target(relay.port, bmc), TIMEOUTS)).toBe(state);
      } finally {
        relay.close();
      }
    }
  });

  it('asks for USER privilege, not ADMIN, to read status', async () => {
    const relay = await startRelay(lab.bmcs[0]!.port, 'inject');
    try {
      await rmcpPowerStatus(target(relay.port), TIMEOUTS);
      const open = relay.seen.find((m) => (m[5]! & 0x3f) === 0x10)!;
      const rakp1 = relay.seen.find((m) => (m[5]! & 0x3f) === 0x12)!;
      expect(open[16 + 1]).toBe(0x02);
      expect(rakp1[16 + 24]! & 0x0f).toBe(0x02);
    } finally {
      relay.close();
    }
  });

  it('never accepts a session reply whose integrity code does not verify', async () => {
    const relay = await startRelay(lab.bmcs[0]!.port, 'tamper-session');
    try {
      await expect(rmcpPowerStatus(target(relay.port), TIMEOUTS)).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      relay.close();
    }
  });

  it('takes nothing from a path that only sends junk', async () => {
    const relay = await startRelay(lab.bmcs[0]!.port, 'only-junk');
    try {
      await expect(rmcpPowerStatus(target(relay.port), TIMEOUTS)).rejects.toMatchObject({ code: 'unreachable' });
    } finally {
      relay.close();
    }
  });

  it('carries the privilege raise and the state read at once, through hostile packets and reordered replies', async () => {
    const bmc = lab.bmcs[1]!;
    for (const mode of ['inject', 'reorder'] as const) {
      const relay = await startRelay(bmc.port, mode);
      try {
        const { session, state } = await openOperatorSessionWithState(target(relay.port, bmc), TIMEOUTS);
        await session.close();
        expect(state).toBe('off');
        // A reply that arrives after a later one is dropped as a possible replay; its request is sent again.
        expect(relay.swapped()).toBe(mode === 'reorder');
      } finally {
        relay.close();
      }
    }
  });

  it('ignores packets from any other sender, even copies of the BMC’s own replies', async () => {
    const bmc = lab.bmcs[0]!;
    const relay = await startRelay(bmc.port, 'inject');
    const foreign = createSocket('udp4');
    await new Promise<void>((resolve) => foreign.bind(0, '127.0.0.1', resolve));
    const flood = setInterval(() => {
      const port = relay.clientPort();
      if (!port) return;
      for (const copy of relay.seen.slice(-3)) foreign.send(copy, port, '127.0.0.1');
      for (let i = 0; i < 10; i++) foreign.send(randomBytes(rand(100)), port, '127.0.0.1');
    }, 2);
    try {
      expect(await rmcpPowerStatus(target(relay.port), TIMEOUTS)).toBe('on');
    } finally {
      clearInterval(flood);
      foreign.close();
      relay.close();
    }
  });
});
