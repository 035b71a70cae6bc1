import { useT } from '../../i18n/i18n';
import { stateToken } from './virtLogic';

const GLYPH: Record<string, string> = { running: '●', paused: '❚❚', 'shut off': '○', crashed: '✕' };

/** A libvirt domain state as glyph + word, so colour is never the only signal. */
export function StateBadge({ state, reason }: { state: string; reason?: string | null }) {
  const t = useT();
  return (
    <span className={`vt-badge vt-state-${stateToken(state)}`} data-state={state} title={reason ?? undefined}>
      <span aria-hidden="true">{GLYPH[state] ?? '?'}</span> {t(`virt.state.${state}`)}
    </span>
  );
}
