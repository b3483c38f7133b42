import { useTranslation } from 'react-i18next';
import { DeviceCodePanel } from './device-code-panel.tsx';
import { DeviceList } from './device-list.tsx';
import './device-admin.css';
import { ApiKeyForm } from './api-key-form.tsx';
import { useDeviceAdmin, type DeviceFailure } from './use-device-admin.ts';

/** #/hq/devices: one-time enrolment codes (text and QR) and the tablets, with revocation. A desktop screen for HQ and managers. */
export function DeviceAdminScreen() {
  const { t } = useTranslation();
  const admin = useDeviceAdmin();
  return (
    <section className="device-admin">
      <h2 className="panel__title">{t('hqDevices.title')}</h2>
      <p>{t('hqDevices.intro')}</p>
      {admin.apiKey === '' ? (
        <ApiKeyForm onSave={admin.saveApiKey} />
      ) : (
        <>
          <div className="device-admin__bar">
            <button type="button" className="button" data-testid="devices-reload" onClick={admin.reload} disabled={admin.loading}>
              {admin.loading ? t('hqDevices.loading') : t('hqDevices.reload')}
            </button>
            <button type="button" className="button" onClick={admin.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          {admin.revoked ? (
            <p className="message message--success" role="status" data-testid="device-revoked-notice">
              {t('hqDevices.notices.revoked', { name: admin.revoked.name })}
            </p>
          ) : null}
          <Failure failure={admin.failure} />
          <div className="device-admin__columns">
            <DeviceCodePanel shops={admin.shops} code={admin.code} busy={admin.busy === 'code'} onCreate={admin.createCode} />
            <div>
              <h3>{t('hqDevices.list.title', { count: admin.devices.length })}</h3>
              <DeviceList devices={admin.devices} busy={admin.busy} onRevoke={admin.revoke} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Failure({ failure }: { failure: DeviceFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const text =
    failure.kind === 'network'
      ? t('hqDevices.errors.network')
      : failure.kind === 'unauthorized'
        ? t('hqDevices.errors.unauthorized')
        : t(`failure.${failure.code}`, { defaultValue: t('hqDevices.errors.other', { message: failure.message }) });
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}
