import type { ReactNode } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { EditIcon, LockIcon, TrashIcon } from '../../ui/icons';

interface HostDetailProps {
  host: Host;
  nameOf: (id: number | null) => string;
  onEdit: () => void;
  onDelete: () => void;
  onClose: () => void;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children === '' || children === null || children === undefined ? '—' : children}</dd>
    </>
  );
}

/** Everything known about one host, read-only, with its actions. */
export function HostDetail({ host, nameOf, onEdit, onDelete, onClose }: HostDetailProps) {
  const t = useT();
  const n = (v: number | null, unit = '') => (v === null ? '' : `${v}${unit}`);
  return (
    <aside className="detail" aria-labelledby="host-detail-title" tabIndex={-1} id="host-detail">
      <header className="detail-header">
        <h2 id="host-detail-title">
          {host.protected && (
            <span className="protected-mark" title={t('inventory.field.protected')}>
              <LockIcon />
            </span>
          )}
          {host.name}
        </h2>
        <button type="button" className="icon-button" aria-label={t('inventory.detail.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="detail-actions">
        <button type="button" onClick={onEdit}>
          <EditIcon /> {t('common.edit')}
        </button>
        <button type="button" className="btn-danger" onClick={onDelete}>
          <TrashIcon /> {t('common.delete')}
        </button>
      </div>
      <section>
        <h3>{t('inventory.section.general')}</h3>
        <dl>
          <Field label={t('inventory.field.kind')}>{t(`inventory.kind.${host.kind}`)}</Field>
          <Field label={t('inventory.field.layer')}>{host.layer}</Field>
          <Field label={t('inventory.field.parent')}>{nameOf(host.parentId)}</Field>
          <Field label={t('inventory.field.cluster')}>{host.cluster}</Field>
          <Field label={t('inventory.field.role')}>{host.role}</Field>
          <Field label={t('inventory.field.index')}>{n(host.index)}</Field>
          <Field label={t('inventory.field.arch')}>{host.arch}</Field>
          <Field label={t('inventory.field.cpus')}>{n(host.cpus)}</Field>
          <Field label={t('inventory.field.memory')}>{n(host.memoryGiB, ' GiB')}</Field>
          <Field label={t('inventory.field.disk')}>
            {n(host.diskGiB, ' GiB')} {host.diskType ?? ''}
          </Field>
          <Field label={t('inventory.field.numa')}>{host.numa}</Field>
          <Field label={t('inventory.field.tags')}>
            {host.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </Field>
        </dl>
      </section>
      <section>
        <h3>{t('inventory.section.addresses')}</h3>
        <dl>
          {host.addresses.length === 0 && <Field label={t('inventory.field.address')}>{''}</Field>}
          {host.addresses.map((a, i) => (
            <Field key={i} label={a.label}>
              <span className="mono">{a.address}</span>
            </Field>
          ))}
          {host.aliases.map((a) => (
            <Field key={a.name} label={t('inventory.field.alias')}>
              {a.name}
              {a.note && <span className="muted"> — {a.note}</span>}
            </Field>
          ))}
        </dl>
      </section>
      <section>
        <h3>{t('inventory.section.ssh')}</h3>
        <dl>
          <Field label={t('inventory.field.sshUser')}>{host.ssh.user}</Field>
          <Field label={t('inventory.field.sshPort')}>{n(host.ssh.port)}</Field>
          <Field label={t('inventory.field.jumpHost')}>{nameOf(host.ssh.jumpHostId)}</Field>
          <Field label={t('inventory.field.identityFile')}>{host.ssh.identityFile}</Field>
        </dl>
      </section>
      <section>
        <h3>{t('inventory.section.bmc')}</h3>
        {host.bmc ? (
          <dl>
            <Field label={t('inventory.field.bmcType')}>{host.bmc.type}</Field>
            <Field label={t('inventory.field.bmcAddress')}>
              <span className="mono">{host.bmc.address}</span>
            </Field>
            <Field label={t('inventory.field.bmcPort')}>{n(host.bmc.port)}</Field>
            <Field label={t('inventory.field.bmcUser')}>{host.bmc.user}</Field>
            <Field label={t('inventory.field.cipherSuite')}>{host.bmc.cipherSuite}</Field>
            <Field label={t('inventory.field.jumpHost')}>{nameOf(host.bmc.jumpHostId)}</Field>
          </dl>
        ) : (
          <p className="muted">{t('inventory.detail.noBmc')}</p>
        )}
      </section>
      {host.notes && (
        <section>
          <h3>{t('inventory.field.notes')}</h3>
          <p className="notes">{host.notes}</p>
        </section>
      )}
    </aside>
  );
}
