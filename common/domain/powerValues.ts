// Power vocabulary as plain values, without zod, for the renderer's first page (power.ts builds the schemas).

/**
 * `off` is forced (pulls the plug); `soft` is a graceful ACPI shutdown; `reboot` is a graceful restart (the guest
 * OS shuts down and boots again); `cycle` is off then on; `reset` is warm (hard).
 */
export const POWER_ACTIONS = ['on', 'off', 'soft', 'reboot', 'cycle', 'reset'] as const;

/** Actions that interrupt a running machine: they need a confirmation naming the hosts. */
export const DESTRUCTIVE_ACTIONS: readonly (typeof POWER_ACTIONS)[number][] = [
  'off',
  'soft',
  'reboot',
  'cycle',
  'reset',
];
