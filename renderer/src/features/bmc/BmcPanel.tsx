import { useState, type ReactNode } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { LockIcon } from '../../ui/icons';
import { BulkProgressPanel } from '../../ui/BulkProgressPanel';
import { LevelBadge, PowerBadge } from '../../ui/StatusBadges';
import { useCanAct } from '../../app/useAppInfo';
import { useBulkOperation, type BulkStart } from '../../ui/useBulkOperation';
import { useHealthWatch } from '../../app/useHealthWatch';
import { BmcInfoCard } from './BmcInfoCard';
import { CertificateGate } from './CertificateGate';
import { SelLog } from './SelLog';
import { SensorsTable } from './SensorsTable';
import { SolConsole } from './SolConsole';
import './bmc.css';

const TABS = ['sensors', 'sel', 'info', 'console'] as const;
type Tab = (typeof TABS)[number];

/** The power buttons the power feature lends this panel (app/PowerPage.tsx), so bmc never imports power. */
type PowerActionsSlot = (props: { hostIds: readonly number[]; start: BulkStart; busy: boolean }) => ReactNode;

interface BmcPanelProps {
  host: Host;
  onBack?: () => void;
  powerActions: PowerActionsSlot;
}

/** One host's out-of-band view: power state and actions, sensors, event log, BMC info and its serial console. */
export function BmcPanel({ host, onBack, powerActions }: BmcPanelProps) {
  const t = useT();
  const canAct = useCanAct();
  const back = onBack && (
    <button type="button" className="pw-button" onClick={onBack}>
      ← {t('power.backToAll')}
    </button>
  );
  const header = (
    <header className="pw-view-header">
      {back}
      <h1 className="pw-mono">{host.name}</h1>
    </header>
  );
  return (
    <div className="pw-view">
      <CertificateGate host={host} canAct={canAct} header={header}>
        <BmcDetail host={host} back={back} canAct={canAct} powerActions={powerActions} />
      </CertificateGate>
    </div>
  );
}

function BmcDetail({
  host,
  back,
  canAct,
  powerActions,
}: {
  host: Host;
  back: ReactNode;
  canAct: boolean;
  powerActions: PowerActionsSlot;
}) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('sensors');
  const health = useHealthWatch([host.id]).get(host.id);
  const { op, start, dismiss } = useBulkOperation();

  const onTabKey = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]!);
    document.getElementById(`bmc-tab-${TABS[next]}`)?.focus();
  };

  return (
    <>
      <header className="pw-view-header">
        {back}
        <h1 className="pw-mono">{host.name}</h1>
        {host.protected && (
          <span className="pw-protected">
            <LockIcon /> {t('power.protected')}
          </span>
        )}
        <PowerBadge state={health?.power ?? null} />
        {health && <LevelBadge level={health.level} />}
        {health?.worstSensor && <span className="pw-worst">{health.worstSensor}</span>}
        {health && !health.reachable && <LevelBadge level="critical" label={t('power.reachable.no')} />}
        <span className="pw-spacer" />
        <span className="pw-muted pw-mono">
          {host.bmc ? `${host.bmc.type} ${host.bmc.address}${host.bmc.port ? `:${host.bmc.port}` : ''}` : ''}
        </span>
      </header>
      {health?.error && (
        <div className="banner banner-error pw-banner" role="alert">
          <strong>{t(`errors.${health.error.code}`)}</strong> <span>{health.error.message}</span>
        </div>
      )}
      {canAct && (
        <div className="pw-toolbar">{powerActions({ hostIds: [host.id], start, busy: op?.running ?? false })}</div>
      )}
      {op && <BulkProgressPanel op={op} onDismiss={dismiss} />}
      <div className="pw-tabs" role="tablist" aria-label={t('bmc.tabs')} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            id={`bmc-tab-${id}`}
            type="button"
            role="tab"
            className="pw-tab"
            aria-selected={tab === id}
            aria-controls={`bmc-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {t(`bmc.tab.${id}`)}
          </button>
        ))}
      </div>
      <div id={`bmc-panel-${tab}`} role="tabpanel" aria-labelledby={`bmc-tab-${tab}`} className="bmc-tabpanel">
        {tab === 'sensors' && <SensorsTable hostId={host.id} />}
        {tab === 'sel' && <SelLog host={host} canAct={canAct} />}
        {tab === 'info' && <BmcInfoCard host={host} />}
        {tab === 'console' && <SolConsole host={host} canAct={canAct} />}
      </div>
    </>
  );
}
