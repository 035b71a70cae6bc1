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

export const VncTarget = z.object({
  /** The VNC server's address as seen from `via` (the hypervisor), or from this machine when there is no `via`. */
  address: VncAddress,
  port: Port,
  /** Reach it through this host's pooled SSH connection (one `direct-tcpip` channel per console). */
  via: PowerTarget.optional(),
});
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
    VncTarget.extend({
      password: z.string().min(1).max(256).optional(),
      /** Keep `password` in the vault for this target once it worked. */
      remember: z.boolean().default(false),
    }),
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
