import { useTranslation } from 'react-i18next';
import { STAFF_PIN_PATTERN } from '../protocol/index.ts';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
const MAX_DIGITS = 8;

interface PinKeypadProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  disabled: boolean;
}

/**
 * A large on-screen keypad for a finger on a shop tablet: no system keyboard
 * pops up over the screen, and the digits typed show only as dots.
 */
export function PinKeypad({ value, onChange, onSubmit, disabled }: PinKeypadProps) {
  const { t } = useTranslation();
  const press = (digit: string): void => {
    if (value.length < MAX_DIGITS) onChange(value + digit);
  };
  return (
    <div className="keypad" data-testid="pin-keypad">
      <output className="keypad__display" data-testid="pin-display" data-length={value.length} aria-live="polite">
        {'●'.repeat(value.length) || '\u00a0'}
      </output>
      <div className="keypad__keys">
        {KEYS.map((digit) => (
          <button key={digit} type="button" className="keypad__key" data-testid={`pin-key-${digit}`} disabled={disabled} onClick={() => press(digit)}>
            {digit}
          </button>
        ))}
        <button type="button" className="keypad__key keypad__key--small" disabled={disabled} onClick={() => onChange('')}>
          {t('staff.clear')}
        </button>
        <button type="button" className="keypad__key" data-testid="pin-key-0" disabled={disabled} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="keypad__key keypad__key--small" aria-label={t('staff.backspace')} disabled={disabled}
          onClick={() => onChange(value.slice(0, -1))}>
          ⌫
        </button>
      </div>
      <button type="button" className="button button--primary button--wide" data-testid="pin-ok"
        disabled={disabled || !STAFF_PIN_PATTERN.test(value)} onClick={onSubmit}>
        {t('staff.ok')}
      </button>
    </div>
  );
}
