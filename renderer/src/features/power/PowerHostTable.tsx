import type { HostStartup } from '../../../../common/contract/power';
import type { Host } from '../../../../common/domain/host';
import { useLanguage, useT } from '../../i18n/i18n';
import { LockIcon } from '../../ui/icons';
import { LevelBadge, PowerBadge } from '../../ui/StatusBadges';
import type { HealthByHost } from '../../app/useHealthWatch';

interface PowerHostTableProps {
  hosts: readonly Host[];
  health: HealthByHost;
  selected: ReadonlySet<number>;
  onSelect: (next: Set<number>) => void;
  onOpen: (hostId: number) => void;
  /** Start order and delays by host id (absent while loading). */
  startups: ReadonlyMap<number, HostStartup>;
  /** Opens the start-order editor; without it (read-only) the order is only shown. */
  onEditStartup?: (startup: HostStartup) => void;
}

function bmcLabel(host: Host): string {
  if (host.bmc) return `${host.bmc.type} ${host.bmc.address}${host.bmc.port ? `:${host.bmc.port}` : ''}`;
  if (host.hypervisor?.domainName) return `libvirt ${host.hypervisor.domainName}`;
  return '';
}

/** Every host Labvisor can power, with its health at a glance; checkboxes pick the targets of bulk actions. */
export function PowerHostTable({
  hosts,
  health,
  selected,
  onSelect,
  onOpen,
  startups,
  onEditStartup,
}: PowerHostTableProps) {
  const t = useT();
  const lang = useLanguage();
  const all = hosts.length > 0 && hosts.every((h) => selected.has(h.id));
  const some = hosts.some((h) => selected.has(h.id));
  const toggle = (id: number) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  return (
    <table className="pw-table pw-hosts" aria-label={t('power.hostsTable')}>
      <thead>
        <tr>
          <th className="pw-check">
            <input
              type="checkbox"
              aria-label={t('power.selectAll')}
              checked={all}
              ref={(el) => {
                if (el) el.indeterminate = some && !all;
              }}
              onChange={() => onSelect(all ? new Set() : new Set(hosts.map((h) => h.id)))}
            />
          </th>
          <th>{t('power.col.host')}</th>
          <th>{t('power.col.cluster')}</th>
          <th>{t('power.col.bmc')}</th>
          <th>{t('power.col.power')}</th>
          <th>{t('power.col.reachable')}</th>
          <th>{t('power.col.health')}</th>
          <th>{t('power.col.checked')}</th>
          <th>{t('power.col.startup')}</th>
        </tr>
      </thead>
      <tbody>
        {hosts.map((host) => {
          const h = health.get(host.id);
          return (
            <tr key={host.id} data-host={host.name} aria-selected={selected.has(host.id)}>
              <td className="pw-check">
                <input
                  type="checkbox"
                  aria-label={t('power.select', { name: host.name })}
                  checked={selected.has(host.id)}
                  onChange={() => toggle(host.id)}
                />
              </td>
              <td className="pw-nowrap">
                <button type="button" className="pw-link pw-mono" onClick={() => onOpen(host.id)}>
                  {host.name}
                </button>
                {host.protected && (
                  <span className="pw-protected" title={t('power.protected')}>
                    <LockIcon />
                    <span className="pw-sr">{t('power.protected')}</span>
                  </span>
                )}
              </td>
              <td>{host.cluster ?? t('common.none')}</td>
              <td className="pw-mono pw-muted pw-nowrap">{bmcLabel(host) || t('power.noBmc')}</td>
              <td data-col="power">{h ? <PowerBadge state={h.power} /> : <span className="pw-muted">…</span>}</td>
              <td>
                {h ? (
                  <LevelBadge
                    level={h.reachable ? 'ok' : 'critical'}
                    label={t(h.reachable ? 'power.reachable.yes' : 'power.reachable.no')}
                  />
                ) : (
                  <span className="pw-muted">…</span>
                )}
              </td>
              <td>
                <span className="pw-health">
                  {h && <LevelBadge level={h.level} />}
                  {h?.worstSensor && <span className="pw-worst">{h.worstSensor}</span>}
                  {h?.error && <span className="pw-worst pw-error-text">{h.error.message}</span>}
                </span>
              </td>
              <td className="pw-muted pw-nowrap">{h ? new Date(h.checkedAt).toLocaleTimeString(lang) : ''}</td>
              <td className="pw-nowrap" data-col="startup">
                <StartupCell startup={startups.get(host.id)} onEdit={onEditStartup} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function StartupCell({ startup, onEdit }: { startup: HostStartup | undefined; onEdit?: (s: HostStartup) => void }) {
  const t = useT();
  if (!startup) return <span className="pw-muted">…</span>;
  const text =
    startup.order === null
      ? t('power.startup.none')
      : t('power.startup.cell', { order: startup.order, up: startup.upDelaySec, down: startup.downDelaySec });
  if (!onEdit) return <span className="pw-mono">{text}</span>;
  return (
    <button
      type="button"
      className="pw-link pw-mono"
      aria-label={t('power.startup.edit', { name: startup.hostName })}
      onClick={() => onEdit(startup)}
    >
      {text}
    </button>
  );
}
