/*
 * zod-free, so that what parses a BMC address (the host schema, a migration, the drivers) does not build the
 * sensor and event-log schemas of common/domain/bmc.ts with every CLI command.
 */

/** A BMC's network address split from its port (null: the driver's default, 623 for IPMI, 443 for Redfish). */
export interface BmcEndpoint {
  address: string;
  port: number | null;
}

const IPV4_OR_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?$/;
/** IPv6 text (with an optional zone, `fe80::1%eth0`); the full check is left to the socket. */
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\w.-]{1,32})?$/;

/**
 * What people write for a BMC, as address and port: `10.0.0.5`, `ilo.lab`, `10.0.0.5:8443`, `[fd00::5]:623`,
 * `fd00::5` (a bare IPv6 address has no port: write `[v6]:port`), or an iLO page's URL `https://10.0.0.5:8443/`.
 * Anything else is refused with a message saying why, so a string with a port never reaches a resolver.
 */
export function parseBmcAddress(text: string): { ok: true; value: BmcEndpoint } | { ok: false; message: string } {
  const refuse = (why: string) => ({ ok: false as const, message: `BMC address "${text.slice(0, 80)}" ${why}` });
  let rest = text.trim();
  const url = /^https?:\/\/([^/?#]*)(?:[/?#].*)?$/i.exec(rest);
  if (url) rest = url[1]!;
  if (/^[^@]*@/.test(rest)) return refuse('must not contain a user name (set the BMC user field)');
  if (!rest) return refuse('is empty');
  let address = rest;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    address = bracketed[1]!;
    portText = bracketed[2] ?? null;
    if (!IPV6.test(address)) return refuse('has brackets around something that is not an IPv6 address');
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [address, portText] = rest.split(':') as [string, string];
  }
  if (portText !== null && !/^\d{1,5}$/.test(portText)) return refuse(`has a port that is not a number`);
  const port = portText === null ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return refuse('has a port outside 1-65535');
  const v6 = address.includes(':');
  if (v6 ? !IPV6.test(address) : !IPV4_OR_NAME.test(address))
    return refuse(
      v6 ? 'is not an IPv6 address (write [v6]:port for a port)' : 'is not a host name or IP address (host[:port])',
    );
  return { ok: true, value: { address, port } };
}
