import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CardView } from './card-view.tsx';
import { useCard, type CardProblem } from './use-card.ts';

/**
 * #/card, on the member's own phone (no tablet enrolment): pair once with the
 * code the shop gives, then show a rotating signed QR that works offline.
 */
export function CardScreen() {
  const { t } = useTranslation();
  const { state, pair, unpair, setCode } = useCard();

  if (state.phase === 'loading') return <h2 className="panel__title">{t('card.title')}</h2>;
  if (state.phase === 'paired') return <CardView card={state.card} onRepair={unpair} />;

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (state.phase === 'unpaired') pair(state.code);
  }

  const problemText = (problem: CardProblem): string => (problem.kind === 'failure' ? t(`failure.${problem.code}`) : t(`card.${problem.key}`));

  return (
    <form className="panel form" onSubmit={submit} noValidate data-testid="card-pair-form">
      <h2 className="panel__title">{t('card.title')}</h2>
      <p>{t('card.intro')}</p>
      <label className="field">
        <span className="field__label">{t('card.pairCode')}</span>
        <input
          className="input"
          data-testid="card-pair-code"
          value={state.code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          enterKeyHint="done"
        />
      </label>
      {state.problem ? (
        <p className="message message--error" data-testid="card-problem" role="alert">
          {problemText(state.problem)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--wide" data-testid="card-pair-submit" disabled={state.busy}>
        {state.busy ? t('card.pairing') : t('card.pairSubmit')}
      </button>
    </form>
  );
}
