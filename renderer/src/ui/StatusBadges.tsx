import type { HealthLevel } from '../../../common/domain/bmc';
import type { PowerState } from '../../../common/domain/power';
import { useT } from '../i18n/i18n';

const LEVEL_GLYPH: Record<HealthLevel, string> = { ok: '✓', warning: '!', critical: '✕', unknown: '?' };
const POWER_GLYPH: Record<PowerState, string> = { on: '●', off: '○', unknown: '?' };

/** Power state as glyph + word, so colour is never the only signal. */
export function PowerBadge({ state }: { state: PowerState | null }) {
  const t = useT();
  const s = state ?? 'unknown';
  return (
    <span className={`pw-badge pw-power-${s}`} data-power={s}>
      <span aria-hidden="true">{POWER_GLYPH[s]}</span> {t(`power.state.${s}`)}
    </span>
  );
}

export function LevelBadge({ level, label }: { level: HealthLevel; label?: string }) {
  const t = useT();
  return (
    <span className={`pw-badge pw-level-${level}`} data-level={level}>
      <span aria-hidden="true">{LEVEL_GLYPH[level]}</span> {label ?? t(`power.level.${level}`)}
    </span>
  );
}
