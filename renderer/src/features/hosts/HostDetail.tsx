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
            <span className="protected-mark" title={t('hosts.field.protected')}>
              <LockIcon />
            </span>
          )}
          {host.name}
        </h2>
        <button type="button" className="icon-button" aria-label={t('hosts.detail.close')} onClick={onClose}>
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
        <h3>{t('hosts.section.general')}</h3>
        <dl>
          <Field label={t('hosts.field.kind')}>{t(`hosts.kind.${host.kind}`)}</Field>
          <Field label={t('hosts.field.layer')}>{host.layer}</Field>
          <Field label={t('hosts.field.parent')}>{nameOf(host.parentId)}</Field>
          <Field label={t('hosts.field.cluster')}>{host.cluster}</Field>
          <Field label={t('hosts.field.role')}>{host.role}</Field>
          <Field label={t('hosts.field.index')}>{n(host.index)}</Field>
          <Field label={t('hosts.field.arch')}>{host.arch}</Field>
          <Field label={t('hosts.field.cpus')}>{n(host.cpus)}</Field>
          <Field label={t('hosts.field.memory')}>{n(host.memoryGiB, ' GiB')}</Field>
          <Field label={t('hosts.field.disk')}>
            {n(host.diskGiB, ' GiB')} {host.diskType ?? ''}
          </Field>
          <Field label={t('hosts.field.numa')}>{host.numa}</Field>
          <Field label={t('hosts.field.tags')}>
            {host.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
          </Field>
        </dl>
      </section>
      <section>
        <h3>{t('hosts.section.addresses')}</h3>
        <dl>
          {host.addresses.length === 0 && <Field label={t('hosts.field.address')}>{''}</Field>}
          {host.addresses.map((a, i) => (
            <Field key={i} label={a.label}>
              <span className="mono">{a.address}</span>
            </Field>
          ))}
          {host.aliases.map((a) => (
            <Field key={a.name} label={t('hosts.field.alias')}>
              {a.name}
              {a.note && <span className="muted"> — {a.note}</span>}
            </Field>
          ))}
        </dl>
      </section>
      <section>
        <h3>{t('hosts.section.ssh')}</h3>
        <dl>
          <Field label={t('hosts.field.sshUser')}>{host.ssh.user}</Field>
          <Field label={t('hosts.field.sshPort')}>{n(host.ssh.port)}</Field>
          <Field label={t('hosts.field.jumpHost')}>{nameOf(host.ssh.jumpHostId)}</Field>
          <Field label={t('hosts.field.identityFile')}>{host.ssh.identityFile}</Field>
        </dl>
      </section>
      <section>
        <h3>{t('hosts.section.bmc')}</h3>
        {host.bmc ? (
          <dl>
            <Field label={t('hosts.field.bmcType')}>{host.bmc.type}</Field>
            <Field label={t('hosts.field.bmcAddress')}>
              <span className="mono">{host.bmc.address}</span>
            </Field>
            <Field label={t('hosts.field.bmcPort')}>{n(host.bmc.port)}</Field>
            <Field label={t('hosts.field.bmcUser')}>{host.bmc.user}</Field>
            <Field label={t('hosts.field.cipherSuite')}>{host.bmc.cipherSuite}</Field>
            <Field label={t('hosts.field.jumpHost')}>{nameOf(host.bmc.jumpHostId)}</Field>
          </dl>
        ) : (
          <p className="muted">{t('hosts.detail.noBmc')}</p>
        )}
      </section>
      {host.notes && (
        <section>
          <h3>{t('hosts.field.notes')}</h3>
          <p className="notes">{host.notes}</p>
        </section>
      )}
    </aside>
  );
}
