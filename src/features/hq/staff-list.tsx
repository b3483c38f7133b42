import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { StaffSummary } from '../../protocol/index.ts';
import type { Location } from './staff-api.ts';

interface Props {
  staff: readonly StaffSummary[];
  locations: readonly Location[];
  onEdit: (staff: StaffSummary) => void;
}

interface Group {
  key: string;
  title: string;
  members: StaffSummary[];
}

/** HQ first (valid everywhere), then each shop in the locations' order; inside, managers before clerks. */
function groupsOf(staff: readonly StaffSummary[], locations: readonly Location[], names: { hq: string; unknown: (id: string) => string }): Group[] {
  const order = ['hq', 'manager', 'clerk'];
  const sorted = [...staff].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.staffId.localeCompare(b.staffId));
  const groups = new Map<string, Group>([['', { key: 'hq', title: names.hq, members: [] }]]);
  for (const location of locations) groups.set(location.id, { key: location.id, title: location.name, members: [] });
  for (const member of sorted) {
    const key = member.shopId ?? '';
    if (!groups.has(key)) groups.set(key, { key, title: names.unknown(key), members: [] });
    groups.get(key)?.members.push(member);
  }
  return [...groups.values()].filter((group) => group.members.length > 0);
}

/** Staff by shop and role; disabled accounts stay listed (old audit events name them), marked. */
export function StaffList({ staff, locations, onEdit }: Props) {
  const { t, i18n } = useTranslation();
  if (staff.length === 0) return <p>{t('hqManage.staff.empty')}</p>;
  const groups = groupsOf(staff, locations, { hq: t('hqManage.staff.hqGroup'), unknown: (id) => t('hqManage.staff.unknownShop', { id }) });
  return (
    <div className="staff-list">
      {groups.map((group) => (
        <section key={group.key} data-testid="staff-group" data-shop-id={group.key}>
          <h3>
            {group.title} <small>{t('hqManage.staff.count', { count: group.members.length })}</small>
          </h3>
          <table className="device-list">
            <thead>
              <tr>
                <th>{t('hqManage.staff.columns.staffId')}</th>
                <th>{t('hqManage.staff.columns.name')}</th>
                <th>{t('hqManage.staff.columns.role')}</th>
                <th>{t('hqManage.staff.columns.status')}</th>
                <th>{t('hqManage.staff.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {group.members.map((member) => (
                <tr key={member.staffId} data-testid="staff-row" data-staff-id={member.staffId} data-active={member.active}>
                  <td>{member.staffId}</td>
                  <td>{member.name}</td>
                  <td>{t(`staff.roles.${member.role}`)}</td>
                  <td>
                    {member.active ? t('hqManage.staff.active') : <span className="badge">{t('hqManage.staff.inactive')}</span>}
                    <br />
                    <small className="device-list__muted">{t('hqManage.staff.updatedAt', { time: formatDateTime(member.updatedAt, i18n.language) })}</small>
                  </td>
                  <td>
                    <button type="button" className="button" onClick={() => onEdit(member)}>
                      {t('hqManage.staff.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
