import { useT } from '../../i18n/i18n';
import { stateToken } from './virtLogic';

const GLYPH: Record<string, string> = { running: '●', paused: '❚❚', 'shut off': '○', crashed: '✕' };

/**
 * A libvirt domain state as glyph + word, so colour is never the only signal. `compact` (a narrow tree row) draws
 * the glyph alone and keeps the word for the tooltip and assistive technology.
 */
export function StateBadge({
  state,
  reason,
  compact = false,
  className = '',
}: {
  state: string;
  reason?: string | null;
  compact?: boolean;
  className?: string;
}) {
  const t = useT();
  const word = t(`virt.state.${state}`);
  return (
    <span
      className={`vt-badge vt-state-${stateToken(state)}${compact ? ' vt-badge-compact' : ''} ${className}`.trim()}
      data-state={state}
      title={compact ? (reason ? `${word} (${reason})` : word) : (reason ?? undefined)}
      {...(compact ? { role: 'img', 'aria-label': word } : {})}
    >
      <span aria-hidden="true">{GLYPH[state] ?? '?'}</span>
      {compact ? null : ` ${word}`}
    </span>
  );
}
