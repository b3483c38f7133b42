import { useTranslation } from 'react-i18next';
import type { HqFailure } from './hq-api.ts';

/** A failed HQ call as a line the user can act on (campaigns and month-end screens). */
export function HqFailureText({ failure }: { failure: HqFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const text =
    failure.kind === 'network'
      ? t('hqDevices.errors.network')
      : failure.kind === 'unauthorized'
        ? t('hqDevices.errors.unauthorized')
        : t(`failure.${failure.code}`, { defaultValue: t('hqDevices.errors.other', { message: failure.message }) });
  return (
    <p className="message message--error" role="alert" data-testid="hq-failure" data-code={failure.kind === 'refused' ? failure.code : failure.kind}>
      {text}
      {/* The server's own words say which field or month: HQ can act on them. */}
      {failure.kind === 'refused' ? <span className="hq-failure__detail"> ({failure.message})</span> : null}
    </p>
  );
}
