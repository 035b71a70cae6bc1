import type { Host } from '../../common/domain/host';
import type { PowerConfirmation } from '../../common/contract/power';
import { AppError } from '../../common/result';

export interface SafetyInput {
  confirm?: { hostNames: string[] } | undefined;
  forceProtected: string[];
}

const names = (list: string[]) => new Set(list.map((n) => n.toLowerCase()));

/**
 * A destructive action runs only when the caller named every host it will hit, and typed each protected host's
 * name as well. The error details carry the full list so a UI can show the dialog and retry.
 */
export function checkDestructive(action: string, hosts: Host[], safety: SafetyInput): void {
  const details: PowerConfirmation = {
    action,
    hostNames: hosts.map((h) => h.name),
    protectedHostNames: hosts.filter((h) => h.protected).map((h) => h.name),
  };
  const confirmed = names(safety.confirm?.hostNames ?? []);
  const unconfirmed = hosts.filter((h) => !confirmed.has(h.name.toLowerCase()));
  if (unconfirmed.length)
    throw new AppError(
      'confirmation_required',
      `${action} needs a confirmation naming ${unconfirmed.map((h) => h.name).join(', ')}`,
      details,
    );
  const forced = names(safety.forceProtected);
  const unforced = hosts.filter((h) => h.protected && !forced.has(h.name.toLowerCase()));
  if (unforced.length)
    throw new AppError(
      'protected_host',
      `${unforced.map((h) => h.name).join(', ')} ${unforced.length === 1 ? 'is' : 'are'} protected: type the name to ${action} it`,
      details,
    );
}
