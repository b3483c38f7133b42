import { useTranslation } from 'react-i18next';
import type { HqFailure } from './hq-api.ts';

/** A failed HQ call, said the way the devices screen says it: what happened and what to do. */
export function HqFailureMessage({ failure }: { failure: HqFailure | null }) {
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
