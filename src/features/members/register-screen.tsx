import { useTranslation } from 'react-i18next';
import type { RegistrationField } from '../../domain/member-registration.ts';
import { useRegisterForm, type RegisterForm, type TextField } from './use-register-form.ts';
import './register.css';

interface TextInput {
  field: TextField;
  type: 'text' | 'tel' | 'email';
  autoComplete: string;
}

// The order of the paper form customers fill in at the counter.
const TEXT_INPUTS: readonly TextInput[] = [
  { field: 'name', type: 'text', autoComplete: 'name' },
  { field: 'nameKana', type: 'text', autoComplete: 'off' },
  { field: 'phone', type: 'tel', autoComplete: 'tel' },
  { field: 'email', type: 'email', autoComplete: 'email' },
];

/** Registration at the counter: writes to this tablet only, then opens the counter with the new member. */
export function RegisterScreen() {
  const { t } = useTranslation();
  const form = useRegisterForm();
  return (
    <section className="panel register">
      <h2 className="panel__title">{t('register.title')}</h2>
      <p className="register__intro">{t('register.intro')}</p>
      <form className="form" onSubmit={form.submit} noValidate>
        {TEXT_INPUTS.map(({ field, type, autoComplete }) => (
          <label className="field" key={field}>
            <span className="field__label">{t(`register.${field}`)}</span>
            <input
              className="input"
              data-testid={`register-${field}`}
              type={type}
              value={form.values[field]}
              onChange={(event) => form.setText(field, event.target.value)}
              placeholder={t(`register.${field}Placeholder`)}
              autoComplete={autoComplete}
              aria-invalid={form.problems[field] ? true : undefined}
            />
            <Problem form={form} field={field} />
          </label>
        ))}
        {(['consentTerms', 'consentMarketing'] as const).map((field) => (
          <div key={field}>
            <label className="register__consent">
              <input
                type="checkbox"
                data-testid={`register-${field}`}
                checked={form.values[field]}
                onChange={(event) => form.setConsent(field, event.target.checked)}
              />
              <span>{t(`register.${field}`)}</span>
            </label>
            {field === 'consentTerms' ? <Problem form={form} field={field} /> : null}
          </div>
        ))}
        {form.failure ? (
          <p className="message message--error" role="alert" data-testid="register-failure">
            {t(`register.failed.${form.failure}`)}
          </p>
        ) : null}
        <button type="submit" className="button button--primary button--wide" data-testid="register-submit" disabled={form.submitting}>
          {form.submitting ? t('register.submitting') : t('register.submit')}
        </button>
      </form>
    </section>
  );
}

function Problem({ form, field }: { form: RegisterForm; field: RegistrationField }) {
  const { t } = useTranslation();
  const problem = form.problems[field];
  return problem ? (
    <p className="register__problem" role="alert" data-testid={`register-problem-${field}`}>
      {t(`register.problem.${problem}`)}
    </p>
  ) : null;
}
