import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { DeviceSummary } from '../../protocol/index.ts';
import { DevicePending } from './device-pending.tsx';

interface Props {
  devices: readonly DeviceSummary[];
  busy: string | null;
  onRevoke: (device: DeviceSummary) => void;
}

/** Every enrolled tablet; revoking takes a second, explicit click (a revoked tablet wipes itself). */
export function DeviceList({ devices, busy, onRevoke }: Props) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState<string | null>(null);
  const when = (iso: string | null) => (iso === null ? t('hqDevices.list.never') : formatDateTime(iso, i18n.language));
  if (devices.length === 0) return <p>{t('hqDevices.list.empty')}</p>;
  return (
    <table className="device-list">
      <thead>
        <tr>
          <th>{t('hqDevices.list.name')}</th>
          <th>{t('hqDevices.list.shop')}</th>
          <th>{t('hqDevices.list.enrolledAt')}</th>
          <th>{t('hqDevices.list.lastSeenAt')}</th>
          <th>{t('hqDevices.list.lastSyncAt')}</th>
          <th>{t('hqDevices.list.pending')}</th>
          <th>{t('hqDevices.list.status')}</th>
        </tr>
      </thead>
      <tbody>
        {devices.map((device) => (
          <tr key={device.id} className="device-list__row" data-testid="device-row" data-device-id={device.id} data-revoked={device.revokedAt !== null}>
            <td className="device-list__name">{device.name}</td>
            <td className="device-list__name">{device.shop.name}</td>
            <td>{when(device.enrolledAt)}</td>
            <td>{when(device.lastSeenAt)}</td>
            <td data-testid="device-last-sync">{when(device.lastSyncAt)}</td>
            <td data-testid="device-pending">
              <DevicePending pending={device.pending} />
            </td>
            <td>
              {device.revokedAt !== null ? (
                <span className="badge">{t('hqDevices.list.revokedAt', { time: when(device.revokedAt) })}</span>
              ) : confirming === device.id ? (
                <div className="device-list__confirm" role="alertdialog" aria-label={t('hqDevices.list.revoke')}>
                  <p>{t('hqDevices.list.confirm', { name: device.name, shop: device.shop.name })}</p>
                  <button
                    type="button"
                    className="button button--danger"
                    disabled={busy === device.id}
                    onClick={() => {
                      setConfirming(null);
                      onRevoke(device);
                    }}
                  >
                    {t('hqDevices.list.confirmYes')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    {t('hqDevices.list.confirmNo')}
                  </button>
                </div>
              ) : (
                <>
                  <span className="device-list__active">{t('hqDevices.list.active')}</span>
                  <button type="button" className="button button--danger" disabled={busy === device.id} onClick={() => setConfirming(device.id)}>
                    {t('hqDevices.list.revoke')}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
