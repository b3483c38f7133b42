import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { paperCardTaken } from '../../db/index.ts';
import { parsePaperCardNo, type PaperCardProblem } from '../../domain/paper-card.ts';
import { CardScanner } from './card-scanner.tsx';

type Problem = { kind: 'card'; problem: PaperCardProblem } | { kind: 'notCard' } | { kind: 'camera' } | { kind: 'taken' };

/** Step 2: the card number, scanned from its barcode or typed; the check digit catches a slip before the balance is entered. */
export function CardStep({ onCard, onBack }: { onCard: (cardNo: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  async function accept(input: string, scanned: boolean): Promise<void> {
    const parsed = parsePaperCardNo(input);
    if (parsed.ok) {
      setScanning(false);
      if (await paperCardTaken(parsed.cardNo)) setProblem({ kind: 'taken' });
      else onCard(parsed.cardNo);
      return;
    }
    // A member QR or a product JAN in front of the camera is not a typo: say what it is.
    setProblem(scanned ? { kind: 'notCard' } : { kind: 'card', problem: parsed.problem });
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    void accept(typed, false);
  }

  const text = problem === null ? '' : problemText(problem, t);

  return (
    <section className="panel form" aria-labelledby="migrate-card-title">
      <h3 className="panel__title" id="migrate-card-title">{t('migrate.stepCard')}</h3>
      <form className="field" onSubmit={submit}>
        <label className="field__label" htmlFor="migrate-card-no">{t('migrate.cardNo')}</label>
        <div className="lookup__search">
          <input id="migrate-card-no" className="input input--code" data-testid="migrate-card-no" value={typed}
            onChange={(event) => setTyped(event.target.value)} inputMode="numeric" autoComplete="off" enterKeyHint="next" />
          <button type="submit" className="button button--primary" data-testid="migrate-card-next">{t('migrate.next')}</button>
        </div>
      </form>
      <p className="message message--error" data-testid="migrate-card-problem" aria-live="polite">{text}</p>
      {scanning ? (
        <>
          <CardScanner onDecode={(code) => void accept(code, true)} onError={() => {
            setScanning(false);
            setProblem({ kind: 'camera' });
          }} />
          <button type="button" className="button button--wide" onClick={() => setScanning(false)}>{t('migrate.cardScanStop')}</button>
        </>
      ) : (
        <button type="button" className="button button--wide button--scan" data-testid="migrate-card-scan" onClick={() => {
          setProblem(null);
          setScanning(true);
        }}>
          {t('migrate.cardScan')}
        </button>
      )}
      <button type="button" className="button" onClick={onBack}>{t('migrate.back')}</button>
    </section>
  );
}

function problemText(problem: Problem, t: TFunction): string {
  switch (problem.kind) {
    case 'card':
      return t(`migrate.cardProblem.${problem.problem}`);
    case 'notCard':
      return t('migrate.cardScanNotCard');
    case 'camera':
      return t('migrate.cameraError');
    case 'taken':
      return t('migrate.cardTakenHere');
  }
}
