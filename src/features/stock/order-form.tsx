import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedFulfilments, findMemberByNo, placeOrder, type LocationAvailability } from '../../db/index.ts';
import type { Order } from '../../protocol/index.ts';

interface Props {
  jan: string;
  from: LocationAvailability;
  onDone: (order: Order) => void;
  onCancel: () => void;
}

type Fulfilment = Order['fulfilment'];

/**
 * Endless aisle: quantity, how the customer gets it, optionally the member it
 * is for. The order is written locally as pending; the server decides.
 */
export function OrderForm({ jan, from, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const fulfilments = allowedFulfilments(from.kind);
  const [quantity, setQuantity] = useState('1');
  const [fulfilment, setFulfilment] = useState<Fulfilment>(fulfilments[0] ?? 'ship');
  const [memberNo, setMemberNo] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      let memberId: string | undefined;
      if (memberNo.trim() !== '') {
        const member = await findMemberByNo(memberNo.trim());
        if (!member) {
          setError(t('stock.memberNotFound'));
          return;
        }
        memberId = member.id;
      }
      const result = await placeOrder({ jan, quantity: Number(quantity), fromLocation: from.locationId, fulfilment, ...(memberId ? { memberId } : {}) });
      if (result.ok) onDone(result.order);
      else setError(t(`stock.orderFailure.${result.reason}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel form" data-testid="order-form" onSubmit={(event) => void submit(event)}>
      <h3 className="panel__title">{t('stock.orderTitle', { location: from.name })}</h3>
      <div className="field">
        <label className="field__label" htmlFor="order-quantity">
          {t('stock.quantity')}
        </label>
        <input
          id="order-quantity"
          className="input input--number"
          data-testid="order-quantity"
          inputMode="numeric"
          value={quantity}
          onChange={(event) => setQuantity(event.target.value)}
        />
      </div>
      <fieldset className="field">
        <legend className="field__label">{t('stock.fulfilment')}</legend>
        {fulfilments.map((option) => (
          <label key={option}>
            <input
              type="radio"
              name="fulfilment"
              data-testid={`order-fulfilment-${option}`}
              checked={fulfilment === option}
              onChange={() => setFulfilment(option)}
            />
            {option === 'pickup' ? t('stock.fulfilmentPickup') : t('stock.fulfilmentShip')}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label className="field__label" htmlFor="order-member">
          {t('stock.member')}
        </label>
        <input
          id="order-member"
          className="input input--code"
          data-testid="order-member"
          inputMode="numeric"
          autoComplete="off"
          value={memberNo}
          onChange={(event) => setMemberNo(event.target.value)}
        />
      </div>
      {error ? (
        <p className="message message--error" role="alert" data-testid="order-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--wide" data-testid="order-submit" disabled={busy}>
        {t('stock.confirm')}
      </button>
      <button type="button" className="button button--wide" data-testid="order-cancel" onClick={onCancel}>
        {t('stock.cancel')}
      </button>
    </form>
  );
}
