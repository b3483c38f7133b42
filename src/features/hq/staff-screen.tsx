import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../protocol/index.ts';
import { ApiKeyForm } from './api-key-form.tsx';
import { HqFailureMessage } from './hq-failure-message.tsx';
import { StaffForm } from './staff-form.tsx';
import { StaffList } from './staff-list.tsx';
import { useStaffAdmin } from './use-staff-admin.ts';
import './device-admin.css';
import './management.css';

/** #/hq/staff: staff accounts by shop and role; add, edit (name, shop, role, PIN) and disable. */
export function StaffScreen() {
  const { t } = useTranslation();
  const admin = useStaffAdmin();
  // undefined: no form open; null: adding a new staff member.
  const [editing, setEditing] = useState<StaffSummary | null | undefined>(undefined);
  const shops = admin.locations.filter((location) => location.kind === 'store');
  return (
    <section className="hq-manage">
      <h2 className="panel__title">{t('hqManage.staff.title')}</h2>
      <p>{t('hqManage.staff.intro')}</p>
      {admin.apiKey === '' ? (
        <ApiKeyForm onSave={admin.saveApiKey} />
      ) : (
        <>
          <div className="device-admin__bar">
            <button type="button" className="button button--primary" data-testid="staff-add" onClick={() => setEditing(null)}>
              {t('hqManage.staff.add')}
            </button>
            <button type="button" className="button" onClick={admin.reload} disabled={admin.loading}>
              {admin.loading ? t('hqDevices.loading') : t('hqDevices.reload')}
            </button>
            <button type="button" className="button" onClick={admin.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          {admin.saved ? (
            <p className="message message--success" role="status" data-testid="staff-saved">
              {t('hqManage.staff.saved', { name: admin.saved.name })}
            </p>
          ) : null}
          <HqFailureMessage failure={admin.failure} />
          <div className="hq-manage__columns">
            <StaffList staff={admin.staff} locations={admin.locations} onEdit={setEditing} />
            {editing === undefined ? null : (
              <StaffForm
                // A new key per staff member: the form starts from their stored values.
                key={editing?.staffId ?? '(new)'}
                editing={editing}
                shops={shops}
                saving={admin.saving}
                onSave={(draft) => admin.save(draft, editing === null)}
                onClose={() => setEditing(undefined)}
              />
            )}
          </div>
        </>
      )}
    </section>
  );
}
