import { z } from 'zod';

/**
 * The grammar of every text a host carries. Inventory text ends up in ssh_config, Ansible inventories, CSV
 * sheets, command lines and terminals, so each field accepts only what its meaning needs; exporters still
 * escape per format, since a database written by an older version may hold anything.
 */

/** C0 and C1 control characters and DEL: they move cursors, set titles, write clipboards and end lines. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Notes may span lines and use tabs; nothing else from the control ranges. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional overrides and isolates reorder what a reader sees ("Trojan Source"). */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text) || BIDI.test(text);
}

/**
 * Host names (and aliases): a letter or digit, then letters, digits, `.`, `_` and `-`. Letters include
 * Unicode letters, because lab sheets name hosts in Chinese; never whitespace, quotes, `%`, `*?!` (ssh_config
 * patterns and tokens), `{{` (Jinja), `@`, `:` or `/`.
 */
export const HOST_NAME_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}._-]*$/u;

/** A login name: what `useradd`, ssh and BMC user tables accept; `@` for directory users such as `me@corp`. */
const USER_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._@-]*\$?$/;

/** BMC accounts may also hold a domain backslash or single inner spaces (`Lab Admin`). */
const BMC_USER_PATTERN = /^[\p{L}\p{N}_][\p{L}\p{N}._@\\-]*(?: [\p{L}\p{N}._@\\-]+)*$/u;

/** DNS names (labels of letters, digits, `_`, `-`), IPv4 literals. */
const DNS_OR_IPV4 =
  /^[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/;
/** IPv6 literals without brackets or zone ids (`%` is a token in ssh_config). */
const IPV6 = /^(?=.*:.*:)[0-9A-Fa-f:.]{2,45}$/;

function isNetworkAddress(text: string): boolean {
  return DNS_OR_IPV4.test(text) || IPV6.test(text);
}

const problem = (message: string) => ({ message });

/** One line of text: no control or bidi characters. */
export const SafeLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !hasControlCharacters(s), problem('must not contain control characters'));

/** Free text over several lines (notes): newlines and tabs, no other control or bidi characters. */
export const SafeText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL_EXCEPT_LINES.test(s) && !BIDI.test(s), problem('must not contain control characters'));

export const HostNameText = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(253, 'name is longer than 253 characters')
  .refine(
    (s) => s === '' || HOST_NAME_PATTERN.test(s),
    'a name starts with a letter or digit and has only letters, digits, ".", "_" and "-" (no spaces or symbols)',
  );

export const UserText = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(USER_PATTERN, 'a user name has only letters, digits, ".", "_", "-" and "@"');

export const BmcUserText = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(BMC_USER_PATTERN, 'a BMC user name has only letters, digits, ".", "_", "-", "@", "\\" and single spaces');

export const NetworkAddressText = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(isNetworkAddress, problem('an address is a DNS name, an IPv4 or an IPv6 address'));

/**
 * A path on this machine: any printable text except `"` and `%`, which ssh_config cannot carry in a path
 * unchanged (quote delimiter and token introducer).
 */
export const LocalPathText = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine((s) => !hasControlCharacters(s), problem('must not contain control characters'))
  .refine((s) => !/["%]/.test(s), problem('a key path must not contain " or %'));

/** A tag: one word (tags are written space-separated). */
export const TagText = SafeLine(64).refine((s) => s.length > 0 && !/[\s,]/.test(s), problem('a tag is one word'));
