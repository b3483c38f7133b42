import { useTranslation } from 'react-i18next';
import type { CounterMessage } from './counter-message.ts';

/**
 * i18next types each key's interpolation values; a message holds one of many
 * keys, and message() already checked its values, so render it loosely.
 */
type LooseT = (key: string, values: Readonly<Record<string, string | number>>) => string;

/** The one feedback line of the counter; always present so screen readers announce changes. */
export function CounterMessageView({ message }: { message: CounterMessage | null }) {
  const { t } = useTranslation();
  const translate = t as unknown as LooseT;
  return (
    <p
      className={`message counter__message${message ? ` message--${message.tone}` : ''}`}
      data-testid="counter-message"
      data-tone={message?.tone}
      aria-live="polite"
    >
      {message ? translate(`message.${message.key}`, message.values ?? {}) : ''}
    </p>
  );
}
