import { z } from 'zod';
import { PowerTarget } from './power';
import { mutation, query } from './define';

const Port = z.number().int().min(1).max(65535);
const StreamId = z.string().min(1).max(100);
/** A host name or an IP literal (v6 without brackets); never a URL, a path or an option. */
const VncAddress = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/, 'expected a host name or IP');
/** libvirt domain names: printable, no shell or option syntax needed since they travel quoted, but kept sane. */
const DomainName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s\p{Cc}-][^\s\p{Cc}]*$/u, 'expected a libvirt domain name');
const DeviceAlias = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'expected a device alias such as serial0 or console1');

const LibvirtUri = z
  .string()
  .trim()
  .max(1024)
  .regex(/^[a-z0-9+]+:\/\/[^\s]*$/, 'expected a libvirt URI such as qemu:///system');

const VNC_SECURITY = ['none', 'vncauth'] as const;

const UnixSocketPath = z
  .string()
  .max(1024)
  .regex(/^\/[^\p{Cc}]*$/u, 'expected an absolute path');

const VncTargetFields = z.object({
  /** The VNC server's address as seen from `via` (the hypervisor), or from this machine when there is no `via`. */
  address: VncAddress.optional(),
  port: Port.optional(),
  /** Or a unix socket on `via` (libvirt's `<graphics type='vnc' socket='…'>`), opened with OpenSSH's streamlocal. */
  socket: UnixSocketPath.optional(),
  /** Reach it through this host's pooled SSH connection (one channel per console, no `nc` on the host). */
  via: PowerTarget.optional(),
  /**
   * Or a VM's own screen: main reads its live graphics (port, listen address or socket) on its hypervisor each
   * time it connects — an inventory VM (`vm`), or a libvirt `domain` on the `via` host.
   */
  vm: PowerTarget.optional(),
  domain: DomainName.optional(),
  uri: LibvirtUri.optional(),
});

/** Exactly one of: `address` + `port`, `socket` + `via`, `vm`, `domain` + `via`. */
function oneRoute<T extends z.infer<typeof VncTargetFields>>(t: T, ctx: z.RefinementCtx): void {
  const tcp = t.address !== undefined || t.port !== undefined;
  const routes = [tcp, t.socket !== undefined, t.vm !== undefined, t.domain !== undefined].filter(Boolean).length;
  if (routes !== 1)
    ctx.addIssue({ code: 'custom', message: 'give one of: address and port, a unix socket, a VM, or a domain' });
  else if (tcp && (t.address === undefined || t.port === undefined))
    ctx.addIssue({ code: 'custom', message: 'give both address and port' });
  else if ((t.socket !== undefined || t.domain !== undefined) && t.via === undefined)
    ctx.addIssue({ code: 'custom', message: 'say which host it is on (via)', path: ['via'] });
  else if (t.vm !== undefined && t.via !== undefined)
    ctx.addIssue({
      code: 'custom',
      message: "a VM is reached through its own hypervisor: don't give via",
      path: ['via'],
    });
}

export const VncTarget = VncTargetFields.superRefine(oneRoute);
export type VncTarget = z.infer<typeof VncTarget>;

export const VncOpened = z.object({
  streamId: StreamId,
  /** What the tab shows: `address:port via host`. */
  title: z.string(),
  /** What the server asked for; the stream itself always presents "None" to the viewer (the bridge did the auth). */
  security: z.enum(VNC_SECURITY),
  /** The RFB version the server speaks (`3.8`). */
  version: z.string(),
});
export type VncOpened = z.infer<typeof VncOpened>;

export const SerialOpened = z.object({ streamId: StreamId, title: z.string() });
export type SerialOpened = z.infer<typeof SerialOpened>;

const ConsoleEnded = z.object({ streamId: StreamId, code: z.string().nullable(), message: z.string() });

export const consoleCommands = {
  /**
   * Opens a VNC server as a byte stream (`services.streams`, kind `vnc`). The main process does the RFB security
   * handshake (VncAuth with the vault's password, or `password` given here) so no password reaches the viewer;
   * an unknown password is `auth_failed` with details `{ needsPassword: true }`, a wrong one `auth_failed`.
   * Keyboard and mouse reach the machine, so read-only mode refuses it and the audit log records who looked.
   */
  'console.openVnc': mutation(
    VncTargetFields.extend({
      password: z.string().min(1).max(256).optional(),
      /** Keep `password` in the vault for this target once it worked. */
      remember: z.boolean().default(false),
    }).superRefine(oneRoute),
    VncOpened,
  ),
  'console.forgetVncPassword': mutation(VncTarget, z.object({ removed: z.boolean() })),
  /**
   * A VM's serial console: `virsh console DOMAIN [ALIAS]` with a pty on the hypervisor (`via`, else the VM's parent
   * host). `force` takes the console from whoever holds it (virsh --force).
   */
  'console.openSerial': mutation(
    z.object({
      /** The VM (inventory host whose `hypervisor.domainName` and parent say where it runs), or with `via`, a domain. */
      vm: PowerTarget.optional(),
      domain: DomainName.optional(),
      via: PowerTarget.optional(),
      alias: DeviceAlias.optional(),
      /** libvirt connection URI on the hypervisor; default the VM's `hypervisor.libvirtUri`, else virsh's own. */
      uri: LibvirtUri.optional(),
      force: z.boolean().default(false),
      cols: z.number().int().min(2).max(1000).default(80),
      rows: z.number().int().min(1).max(1000).default(24),
    }),
    SerialOpened,
  ),
  'console.resize': query(
    z.object({ streamId: StreamId, cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(1000) }),
    z.object({}),
  ),
  'console.close': query(z.object({ streamId: StreamId }), z.object({})),
} as const;

export const consoleEvents = {
  'console.ended': ConsoleEnded,
} as const;
