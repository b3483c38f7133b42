import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addShopNote, type ShopNoteFailure } from '../../db/index.ts';
import { SHOP_NOTE_MAX_LENGTH } from '../../protocol/index.ts';

type Outcome = { kind: 'saved' } | { kind: 'failed'; reason: ShopNoteFailure } | null;

/**
 * A short note at the counter (issue 9). Saved on the tablet, so it works
 * offline and shows in the timeline at once; the sync sends it on.
 */
export function NoteForm({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    void addShopNote(memberId, text)
      .then((result) => {
        if (result.ok) {
          setText('');
          setOutcome({ kind: 'saved' });
        } else {
          setOutcome({ kind: 'failed', reason: result.reason });
        }
      })
      .finally(() => setSaving(false));
  }

  return (
    <section className="panel profile__note" aria-labelledby="profile-note-title">
      <h3 className="panel__title" id="profile-note-title">
        {t('profile.noteTitle')}
      </h3>
      <form className="form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field__label">{t('profile.noteLabel')}</span>
          <textarea
            className="input profile__note-input"
            data-testid="note-input"
            rows={2}
            maxLength={SHOP_NOTE_MAX_LENGTH}
            placeholder={t('profile.notePlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setOutcome(null);
            }}
          />
        </label>
        <div className="profile__note-actions">
          <span className="profile__quiet">{t('profile.noteCount', { count: text.length, max: SHOP_NOTE_MAX_LENGTH })}</span>
          <button type="submit" className="button button--primary" data-testid="note-save" disabled={saving}>
            {t('profile.noteSave')}
          </button>
        </div>
        {outcome ? (
          <p className={`message ${outcome.kind === 'saved' ? 'message--success' : 'message--error'}`} data-testid="note-message" role="status">
            {outcome.kind === 'saved' ? t('profile.noteSaved') : failureText(t, outcome.reason)}
          </p>
        ) : null}
      </form>
    </section>
  );
}

function failureText(t: TFunction, reason: ShopNoteFailure): string {
  switch (reason) {
    case 'empty':
      return t('profile.noteEmpty');
    case 'too-long':
      return t('profile.noteTooLong', { max: SHOP_NOTE_MAX_LENGTH });
    case 'not-enrolled':
    case 'storage-error':
      return t('profile.noteFailed');
  }
}
