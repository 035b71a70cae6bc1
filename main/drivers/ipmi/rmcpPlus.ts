import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { AppError } from '../../../common/result';
import type { IpmiTarget } from './ipmiTarget';
import type { IpmiTimeouts } from './ipmiTool';

/*
 * A minimal IPMI 2.0 RMCP+ client (IPMI v2.0 spec, sections 13.6-13.32) for cipher suite 3: RAKP-HMAC-SHA1
 * authentication, HMAC-SHA1-96 integrity, AES-CBC-128 confidentiality. It exists for one hot path, reading the
 * power state of many BMCs at once, where one ipmitool process per BMC costs more than the IPMI exchange itself.
 * Everything else goes through ipmitool.
 *
 * Every datagram is untrusted: the socket is connected to the BMC (the kernel drops other senders) and the
 * sender is checked again; pre-session replies must name our session id and be long enough; session replies
 * must carry our session id, a sequence number above the last one accepted (no replays) and a valid
 * HMAC-SHA1-96 before anything is decrypted. Nothing a datagram holds can throw out of the socket listener.
 * Status needs only USER privilege, so that is what the session asks for.
 */

const RMCP_HEADER = Buffer.from([0x06, 0x00, 0xff, 0x07]);
const AUTH_FORMAT_RMCPPLUS = 0x06;
const PAYLOAD = { ipmi: 0x00, openReq: 0x10, openRes: 0x11, rakp1: 0x12, rakp2: 0x13, rakp3: 0x14, rakp4: 0x15 };
/** Get Chassis Status needs User privilege (IPMI v2.0, table G-1): ask for no more. */
const PRIV_USER = 0x02;
const NAME_ONLY_LOOKUP = 0x10;
const RAKP_ERRORS: Record<number, string> = {
  0x01: 'insufficient resources',
  0x02: 'invalid session id',
  0x0d: 'unauthorized name',
  0x0e: 'unauthorized GUID',
  0x12: 'unauthorized role or privilege level',
  0x0f: 'invalid integrity check value',
};

const hmac = (key: Buffer, ...parts: Buffer[]) => createHmac('sha1', key).update(Buffer.concat(parts)).digest();
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
/** Shortest successful reply payload of each pre-session step (an error reply may be shorter: status only). */
const MIN_REPLY = { [PAYLOAD.openRes]: 36, [PAYLOAD.rakp2]: 60, [PAYLOAD.rakp4]: 20 } as Record<number, number>;
const AUTH_CODE_LENGTH = 12;
/** How long a forged-looking reply may be outrun by the genuine one. */
const SUSPECT_GRACE_MS = 250;
const checksum = (bytes: number[]) => (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;

export class RmcpPlusSession {
  private readonly socket: Socket;
  private readonly kuid: Buffer;
  private readonly consoleId = randomBytes(4).readUInt32LE() || 1;
  private bmcId = 0;
  private seq = 0;
  private rqSeq = 0;
  private k1 = Buffer.alloc(0);
  private aesKey = Buffer.alloc(0);
  private lastBmcSeq = 0;
  /** One per request awaiting its reply: two may be in flight (distinct sequence numbers), each sees every datagram. */
  private readonly waiters = new Set<(msg: Buffer) => void>();

  constructor(
    private readonly target: IpmiTarget,
    private readonly timeouts: IpmiTimeouts,
    /** The session's maximum privilege (IPMI v2.0 table 13-17): USER for status; chassis control asks for OPERATOR. */
    private readonly privilege: number = PRIV_USER,
  ) {
    this.kuid = Buffer.from(target.password, 'utf8');
    this.socket = createSocket(target.address.includes(':') ? 'udp6' : 'udp4');
    this.socket.on('message', (msg, from) => {
      if (!this.fromBmc(from)) return;
      for (const waiter of this.waiters) {
        try {
          waiter(msg);
        } catch {
          // A datagram that breaks a parser is dropped like any other foreign packet.
        }
      }
    });
    // ICMP port-unreachable arrives here on a connected socket; the retry loop reports the silence.
    this.socket.on('error', () => {});
  }

  private fromBmc(from: RemoteInfo): boolean {
    if (from.port !== this.target.port) return false;
    return isIP(this.target.address) === 0 || from.address === this.target.address;
  }

  private connect(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.connect(this.target.port, this.target.address, (error?: Error) => {
        if (error) reject(new AppError('unreachable', `${this.target.hostName}: ${error.message}`));
        else resolve();
      }),
    );
  }

  /**
   * Sends `packet` and waits for a reply that `accept` recognises, retrying like ipmitool's -N/-R. A reply
   * `accept` calls suspect (a refusal or a proof that does not verify, which anyone on the path can forge) does
   * not end the wait at once: the genuine answer may still follow within SUSPECT_GRACE_MS; if none does,
   * 'suspect' is returned for the caller to report.
   */
  private async exchange(
    packet: Buffer,
    accept: (msg: Buffer) => Buffer | null | 'suspect',
  ): Promise<Buffer | 'suspect'> {
    for (let attempt = 0; attempt <= this.timeouts.retries; attempt++) {
      let suspect = false;
      let waiter: (msg: Buffer) => void = () => undefined;
      const reply = await new Promise<Buffer | null>((resolveReply) => {
        let timer = setTimeout(() => resolveReply(null), this.timeouts.replySec * 1000);
        waiter = (msg) => {
          const verdict = accept(msg);
          if (verdict === 'suspect') {
            if (!suspect) {
              suspect = true;
              clearTimeout(timer);
              timer = setTimeout(() => resolveReply(null), SUSPECT_GRACE_MS);
            }
            return;
          }
          if (!verdict) return;
          clearTimeout(timer);
          resolveReply(verdict);
        };
        this.waiters.add(waiter);
        this.socket.send(packet, () => undefined);
      });
      this.waiters.delete(waiter);
      if (reply) return reply;
      if (suspect) return 'suspect';
    }
    const waited = (this.timeouts.replySec * (this.timeouts.retries + 1)).toFixed(1);
    throw new AppError(
      'unreachable',
      `${this.target.hostName} (${this.target.address}:${this.target.port}): the BMC did not answer (waited ${waited} s)`,
    );
  }

  private static frame(payloadType: number, sessionId: number, seq: number, payload: Buffer): Buffer {
    const header = Buffer.alloc(12);
    header[0] = AUTH_FORMAT_RMCPPLUS;
    header[1] = payloadType;
    header.writeUInt32LE(sessionId >>> 0, 2);
    header.writeUInt32LE(seq >>> 0, 6);
    header.writeUInt16LE(payload.length, 10);
    return Buffer.concat([header, payload]);
  }

  /** The payload of an RMCP+ reply of `type`, or null for anything else (including a truncated one). */
  private static payloadOf(msg: Buffer, type: number): Buffer | null {
    if (msg.length < 16 || !msg.subarray(0, 4).equals(RMCP_HEADER)) return null;
    if (msg[4] !== AUTH_FORMAT_RMCPPLUS || (msg[5]! & 0x3f) !== type) return null;
    const len = msg.readUInt16LE(14);
    if (16 + len > msg.length) return null;
    return msg.subarray(16, 16 + len);
  }

  /** A pre-session reply for our session: the remote console session id sits at offset 4 of each one. */
  private preSessionReply(msg: Buffer, type: number): Buffer | null {
    const payload = RmcpPlusSession.payloadOf(msg, type);
    if (!payload || payload.length < 8 || payload.readUInt32LE(4) !== this.consoleId) return null;
    if (payload[1] === 0 && payload.length < (MIN_REPLY[type] ?? 8)) return null;
    return payload;
  }

  /**
   * One pre-session step. `verify` checks a successful reply's proof (RAKP 2 and 4); `unverified` is the error
   * when only replies that fail it arrived.
   */
  private async preSession(
    type: number,
    replyType: number,
    payload: Buffer,
    verify: (reply: Buffer) => boolean = () => true,
    unverified = 'the BMC refused the session',
  ): Promise<Buffer> {
    const packet = Buffer.concat([RMCP_HEADER, RmcpPlusSession.frame(type, 0, 0, payload)]);
    let refusal: number | null = null;
    const reply = await this.exchange(packet, (msg) => {
      const p = this.preSessionReply(msg, replyType);
      if (!p) return null;
      if (p[1] !== 0) {
        refusal = p[1]!;
        return 'suspect';
      }
      return verify(p) ? p : 'suspect';
    });
    if (reply !== 'suspect') return reply;
    if (refusal === null) throw new AppError('auth_failed', `${this.target.hostName}: ${unverified}`);
    const reason = RAKP_ERRORS[refusal] ?? `status 0x${(refusal as number).toString(16)}`;
    throw new AppError('auth_failed', `${this.target.hostName}: the BMC refused the session (${reason})`);
  }

  async open(): Promise<void> {
    if (this.target.cipherSuite !== 3)
      throw new AppError('unsupported', `cipher suite ${this.target.cipherSuite} is not built in`);
    await this.connect();
    const algorithm = (kind: number, alg: number) => Buffer.from([kind, 0, 0, 8, alg, 0, 0, 0]);
    const open = await this.preSession(
      PAYLOAD.openReq,
      PAYLOAD.openRes,
      Buffer.concat([
        Buffer.from([0, this.privilege, 0, 0]),
        u32(this.consoleId),
        algorithm(0, 1),
        algorithm(1, 1),
        algorithm(2, 1),
      ]),
    );
    // Only cipher suite 3 is spoken: the reply must confirm exactly its three algorithms.
    if (open[12] !== 0 || open[16] !== 1 || open[20] !== 1 || open[24] !== 1 || open[28] !== 2 || open[32] !== 1)
      throw new AppError('unsupported', `${this.target.hostName}: the BMC did not agree to cipher suite 3`);
    this.bmcId = open.readUInt32LE(8);
    const rm = randomBytes(16);
    const role = this.privilege | NAME_ONLY_LOOKUP;
    const user = Buffer.from(this.target.user, 'utf8');
    const roleUser = Buffer.concat([Buffer.from([role, user.length]), user]);
    // RAKP 2 proves the BMC knows the password; one that does not verify is a wrong password or a forgery.
    const rakp2Proof = (p: Buffer) =>
      timingSafeEqual(
        hmac(this.kuid, u32(this.consoleId), u32(this.bmcId), rm, p.subarray(8, 24), p.subarray(24, 40), roleUser),
        p.subarray(40, 60),
      );
    const rakp2 = await this.preSession(
      PAYLOAD.rakp1,
      PAYLOAD.rakp2,
      Buffer.concat([Buffer.from([0, 0, 0, 0]), u32(this.bmcId), rm, Buffer.from([role, 0, 0, user.length]), user]),
      rakp2Proof,
      'the BMC refused the user name or password',
    );
    const rc = rakp2.subarray(8, 24);
    const guid = rakp2.subarray(24, 40);
    const sik = hmac(this.kuid, rm, rc, roleUser);
    this.k1 = hmac(sik, Buffer.alloc(20, 1));
    this.aesKey = hmac(sik, Buffer.alloc(20, 2)).subarray(0, 16);
    const proof4 = hmac(sik, rm, u32(this.bmcId), guid).subarray(0, 12);
    await this.preSession(
      PAYLOAD.rakp3,
      PAYLOAD.rakp4,
      Buffer.concat([Buffer.from([0, 0, 0, 0]), u32(this.bmcId), hmac(this.kuid, rc, u32(this.consoleId), roleUser)]),
      (p) => timingSafeEqual(proof4, p.subarray(8, 20)),
      "the BMC's session proof did not verify",
    );
  }

  /** One IPMI request in the session (encrypted and integrity-protected); resolves with the response data. */
  async request(netFn: number, cmd: number, data: number[] = []): Promise<Buffer> {
    const rqSeq = (this.rqSeq = (this.rqSeq + 1) & 0x3f);
    const head = [0x20, netFn << 2];
    const body = [0x81, rqSeq << 2, cmd, ...data];
    const message = Buffer.from([...head, checksum(head), ...body, checksum(body)]);
    const padLength = (16 - ((message.length + 1) % 16)) % 16;
    const plain = Buffer.concat([
      message,
      Buffer.from(Array.from({ length: padLength }, (_, i) => i + 1)),
      Buffer.from([padLength]),
    ]);
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-cbc', this.aesKey, iv).setAutoPadding(false);
    const payload = Buffer.concat([iv, cipher.update(plain), cipher.final()]);
    this.seq++;
    const framed = RmcpPlusSession.frame(0xc0 | PAYLOAD.ipmi, this.bmcId, this.seq, payload);
    const integrityPad = (4 - ((framed.length + 2) % 4)) % 4;
    const signed = Buffer.concat([framed, Buffer.alloc(integrityPad, 0xff), Buffer.from([integrityPad, 0x07])]);
    const packet = Buffer.concat([RMCP_HEADER, signed, hmac(this.k1, signed).subarray(0, 12)]);
    const response = await this.exchange(packet, (msg) => this.decrypt(msg, cmd, rqSeq));
    if (response === 'suspect') throw new AppError('internal', 'unreachable: session replies are never suspect');
    const completion = response[6]!;
    if (completion !== 0)
      throw new AppError(
        'remote_error',
        `${this.target.hostName}: the BMC answered completion code 0x${completion.toString(16)}`,
      );
    return response.subarray(7, response.length - 1);
  }

  /**
   * The IPMI response inside a session reply, or null: not ours (session id), not new (sequence), not authentic
   * (HMAC), not well-formed (lengths, padding), or not the answer to this request (command, sequence).
   */
  private decrypt(msg: Buffer, cmd: number, rqSeq: number): Buffer | null {
    const payload = RmcpPlusSession.payloadOf(msg, PAYLOAD.ipmi);
    if (!payload || (msg[5]! & 0xc0) !== 0xc0) return null;
    if (msg.readUInt32LE(6) !== this.consoleId) return null;
    const seq = msg.readUInt32LE(10);
    if (seq <= this.lastBmcSeq) return null;
    if (msg.length < 16 + payload.length + 2 + AUTH_CODE_LENGTH) return null;
    const signed = msg.subarray(4, msg.length - AUTH_CODE_LENGTH);
    const code = msg.subarray(msg.length - AUTH_CODE_LENGTH);
    if (!timingSafeEqual(hmac(this.k1, signed).subarray(0, AUTH_CODE_LENGTH), code)) return null;
    if (payload.length < 32 || (payload.length - 16) % 16 !== 0) return null;
    const decipher = createDecipheriv('aes-128-cbc', this.aesKey, payload.subarray(0, 16)).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(payload.subarray(16)), decipher.final()]);
    const pad = plain[plain.length - 1]!;
    if (pad > 15 || plain.length - 1 - pad < 8) return null;
    const message = plain.subarray(0, plain.length - 1 - pad);
    if (message[5] !== cmd || message[4]! >> 2 !== rqSeq) return null;
    this.lastBmcSeq = seq;
    return message;
  }

  /** Closes the BMC session (BMCs hold few) and the socket; never throws. */
  async close(): Promise<void> {
    if (this.bmcId && this.aesKey.length) await this.request(0x06, 0x3c, [...u32(this.bmcId)]).catch(() => undefined);
    this.socket.close();
  }
}

/** The chassis power state through Get Chassis Status (netFn chassis, cmd 0x01): bit 0 of the first byte. */
export async function rmcpPowerStatus(target: IpmiTarget, timeouts: IpmiTimeouts): Promise<'on' | 'off'> {
  const session = new RmcpPlusSession(target, timeouts);
  try {
    await session.open();
    const data = await session.request(0x00, 0x01);
    return (data[0]! & 1) === 1 ? 'on' : 'off';
  } finally {
    await session.close();
  }
}
