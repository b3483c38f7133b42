import { useTranslation } from 'react-i18next';
import { ApiKeyForm } from './api-key-form.tsx';
import { HqFailureMessage } from './hq-failure-message.tsx';
import { useShopsOverview } from './use-shops-overview.ts';
import './device-admin.css';
import './management.css';

/** #/hq/shops: read-only; shops are created with the chain's data, not from this screen. */
export function ShopsScreen() {
  const { t } = useTranslation();
  const overview = useShopsOverview();
  return (
    <section className="hq-manage">
      <h2 className="panel__title">{t('hqManage.shops.title')}</h2>
      <p>{t('hqManage.shops.intro')}</p>
      {overview.apiKey === '' ? (
        <ApiKeyForm onSave={overview.saveApiKey} />
      ) : (
        <>
          <div className="device-admin__bar">
            <button type="button" className="button" onClick={overview.reload} disabled={overview.loading}>
              {overview.loading ? t('hqDevices.loading') : t('hqDevices.reload')}
            </button>
            <button type="button" className="button" onClick={overview.forgetApiKey}>
              {t('hq.merges.forgetKey')}
            </button>
          </div>
          <HqFailureMessage failure={overview.failure} />
          <table className="device-list">
            <thead>
              <tr>
                <th>{t('hqManage.shops.columns.name')}</th>
                <th>{t('hqManage.shops.columns.id')}</th>
                <th>{t('hqManage.shops.columns.kind')}</th>
                <th>{t('hqManage.shops.columns.devices')}</th>
                <th>{t('hqManage.shops.columns.staff')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.shops.map((shop) => (
                <tr key={shop.id} data-testid="shop-row" data-shop-id={shop.id}>
                  <td>{shop.name}</td>
                  <td>{shop.id}</td>
                  <td>{shop.kind === 'store' || shop.kind === 'warehouse' ? t(`hqManage.shops.kinds.${shop.kind}`) : shop.kind}</td>
                  <td data-testid="shop-devices">
                    {shop.devices} <a href="#/hq/devices">{t('hqManage.shops.devicesLink')}</a>
                  </td>
                  <td data-testid="shop-staff">
                    {shop.staff} <a href="#/hq/staff">{t('hqManage.shops.staffLink')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
