import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type StaffSummary } from '../../protocol/index.ts';
import type { Location } from './staff-api.ts';
import type { StaffDraft, StaffField, StaffProblems } from './staff-validation.ts';

interface Props {
  /** null: a new staff member. */
  editing: StaffSummary | null;
  shops: readonly Location[];
  saving: boolean;
  onSave: (draft: StaffDraft) => Promise<StaffProblems | null>;
  onClose: () => void;
}

function draftOf(staff: StaffSummary | null): StaffDraft {
  if (!staff) return { staffId: '', name: '', role: 'clerk', shopId: '', pin: '', active: true };
  return { staffId: staff.staffId, name: staff.name, role: staff.role, shopId: staff.shopId ?? '', pin: '', active: staff.active };
}

/** Add or edit one staff member; each field says what to fix, next to it. */
export function StaffForm({ editing, shops, saving, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(editing));
  const [problems, setProblems] = useState<StaffProblems>({});
  const isNew = editing === null;
  const set = (change: Partial<StaffDraft>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSave(draft).then((found) => {
      if (found === null) onClose();
      else setProblems(found);
    });
  };
  const problem = (field: StaffField) =>
    problems[field] ? (
      <span className="field__error" role="alert" data-testid={`staff-problem-${field}`}>
        {t(`hqManage.staff.problems.${problems[field]}`)}
      </span>
    ) : null;
  return (
    <form className="form panel staff-form" onSubmit={submit} noValidate data-testid="staff-form">
      <h3>{isNew ? t('hqManage.staff.form.newTitle') : t('hqManage.staff.form.editTitle', { name: editing.name })}</h3>
      {Object.keys(problems).length > 0 ? <p className="message message--error">{t('hqManage.staff.fixProblems')}</p> : null}
      <label className="field">
        <span className="field__label">{t('hqManage.staff.form.staffId')}</span>
        <input className="input" name="staffId" value={draft.staffId} disabled={!isNew} aria-invalid={problems.staffId ? true : undefined} onChange={(e) => set({ staffId: e.target.value })} />
        {isNew ? <span>{t('hqManage.staff.form.staffIdHint')}</span> : null}
        {problem('staffId')}
      </label>
      <label className="field">
        <span className="field__label">{t('hqManage.staff.form.name')}</span>
        <input className="input" name="name" value={draft.name} aria-invalid={problems.name ? true : undefined} onChange={(e) => set({ name: e.target.value })} />
        {problem('name')}
      </label>
      <label className="field">
        <span className="field__label">{t('hqManage.staff.form.role')}</span>
        <select className="input" name="role" value={draft.role} onChange={(e) => set({ role: STAFF_ROLES.find((role) => role === e.target.value) ?? 'clerk' })}>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`staff.roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.role === 'hq' ? null : (
        <label className="field">
          <span className="field__label">{t('hqManage.staff.form.shop')}</span>
          <select className="input" name="shopId" value={draft.shopId} aria-invalid={problems.shopId ? true : undefined} onChange={(e) => set({ shopId: e.target.value })}>
            <option value="">{t('hqManage.staff.form.chooseShop')}</option>
            {shops.map((shop) => (
              <option key={shop.id} value={shop.id}>
                {shop.name}
              </option>
            ))}
          </select>
          {problem('shopId')}
        </label>
      )}
      <label className="field">
        <span className="field__label">{t('hqManage.staff.form.pin')}</span>
        <input
          className="input"
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          value={draft.pin}
          aria-invalid={problems.pin ? true : undefined}
          onChange={(e) => set({ pin: e.target.value })}
        />
        <span>{isNew ? t('hqManage.staff.form.pinHintNew') : t('hqManage.staff.form.pinHintEdit')}</span>
        {problem('pin')}
      </label>
      <label>
        <input type="checkbox" name="active" checked={draft.active} onChange={(e) => set({ active: e.target.checked })} />
        {t('hqManage.staff.form.active')}
      </label>
      <div className="staff-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('hqManage.staff.form.saving') : t('hqManage.staff.form.save')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('hqManage.staff.form.cancel')}
        </button>
      </div>
    </form>
  );
}
