import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useBmcQuery } from './useBmcQuery';

/** The first of these labels the BMC reported (Redfish and `ipmitool lan print` name them differently). */
function field(fields: Record<string, string> | undefined, ...labels: string[]): string | null {
  for (const label of labels) if (fields?.[label]) return fields[label];
  return null;
}

/** What the BMC says about itself (firmware, manufacturer, LAN settings...) beside what the inventory says. */
export function BmcInfoCard({ host }: { host: Host }) {
  const t = useT();
  const { data, error, loading, reload } = useBmcQuery('bmc.info', host.id);
  const summary: [string, string | null | undefined][] = [
    ['bmc.info.address', host.bmc ? `${host.bmc.address}${host.bmc.port ? `:${host.bmc.port}` : ''}` : null],
    ['bmc.info.type', host.bmc?.type],
    ['bmc.info.user', host.bmc?.user],
    ['bmc.info.firmware', data?.firmwareRevision],
    ['bmc.info.manufacturer', data?.manufacturer],
    ['bmc.info.product', data?.product],
    ['bmc.info.deviceId', data?.deviceId],
    ['bmc.info.ipmiVersion', data?.ipmiVersion],
    ['bmc.info.mac', field(data?.fields, 'MAC Address')],
    ['bmc.info.ip', field(data?.fields, 'IPv4 Address', 'IP Address')],
  ];
  const fields = Object.entries(data?.fields ?? {});
  return (
    <section className="pw-panel" aria-label={t('bmc.tab.info')}>
      <div className="pw-toolbar">
        <span className="pw-spacer" />
        <button type="button" className="pw-button" onClick={reload} disabled={loading}>
          {t('bmc.refresh')}
        </button>
      </div>
      <ErrorBanner error={error} />
      <dl className="bmc-info">
        {summary.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd className="pw-mono">{value || t('common.none')}</dd>
          </div>
        ))}
      </dl>
      {fields.length > 0 && (
        <details className="bmc-fields">
          <summary>{t('bmc.info.allFields', { count: fields.length })}</summary>
          <table className="pw-table">
            <tbody>
              {fields.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td className="pw-mono">{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
