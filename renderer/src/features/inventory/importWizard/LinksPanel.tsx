import type { ImportLink } from '../../../../../common/contract/inventory';
import { BMC_TYPES, type BmcType } from '../../../../../common/domain/host';
import { useT } from '../../../i18n/i18n';

interface LinksPanelProps {
  links: readonly ImportLink[];
  /** Lines of the BMC rows whose link is ticked. */
  on: ReadonlySet<number>;
  onToggle: (bmcLine: number, on: boolean) => void;
  /** Hosts of the file and the inventory a BMC may be moved to. */
  hostNames: readonly string[];
  /** Changes what a link sets: the server it belongs to, or the BMC's driver. */
  onEdit: (bmcLine: number, patch: { hostName?: string; type?: BmcType }) => void;
}

/**
 * The BMC links the importer proposes (an iLO row becomes its server's BMC), each pre-ticked and never applied
 * silently: unticked, the BMC row is imported as a host of its own.
 */
export function LinksPanel({ links, on, onToggle, hostNames, onEdit }: LinksPanelProps) {
  const t = useT();
  return (
    <section className="import-links" aria-labelledby="import-links-title">
      <h3 id="import-links-title">{t('inventory.import.links.title')}</h3>
      <p className="muted">{t('inventory.import.links.body')}</p>
      <ul>
        {links.map((l) => (
          <li key={l.bmcLine}>
            <label>
              <input
                type="checkbox"
                checked={on.has(l.bmcLine)}
                onChange={(e) => onToggle(l.bmcLine, e.target.checked)}
              />
              <span>
                {t(l.jumpHostName ? 'inventory.import.links.itemVia' : 'inventory.import.links.item', {
                  bmc: l.bmcName,
                  line: l.bmcLine,
                  host: l.hostName,
                  type: l.bmc.type,
                  address: l.bmc.address,
                  jump: l.jumpHostName ?? '',
                })}
              </span>
              <span className="muted"> ({l.reason})</span>
            </label>
            <select
              aria-label={t('inventory.import.links.target', { bmc: l.bmcName })}
              value={l.hostName}
              onChange={(e) => onEdit(l.bmcLine, { hostName: e.target.value })}
            >
              {[...new Set([l.hostName, ...hostNames])].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <select
              aria-label={t('inventory.import.links.type', { bmc: l.bmcName })}
              value={l.bmc.type}
              onChange={(e) => onEdit(l.bmcLine, { type: e.target.value as BmcType })}
            >
              {BMC_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </section>
  );
}
