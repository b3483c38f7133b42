import { useState, type FormEvent } from 'react';
import { registerMember, type RegisterInput } from '../../db/index.ts';
import type { RegistrationField, RegistrationProblem } from '../../domain/member-registration.ts';
import { counterHrefFor } from './counter-link.ts';

export type TextField = 'name' | 'nameKana' | 'phone' | 'email';

export interface RegisterForm {
  values: RegisterInput;
  setText: (field: TextField, value: string) => void;
  setConsent: (field: 'consentTerms' | 'consentMarketing', value: boolean) => void;
  problems: Partial<Record<RegistrationField, RegistrationProblem>>;
  failure: 'not-enrolled' | 'storage-error' | null;
  submitting: boolean;
  submit: (event: FormEvent) => void;
}

const EMPTY: RegisterInput = { name: '', nameKana: '', phone: '', email: '', consentTerms: false, consentMarketing: false };

/**
 * The registration form: checked by registerMember with the server's rules,
 * written to this tablet only, then the counter opens with the new member
 * selected so the clerk can earn at once (offline too).
 */
export function useRegisterForm(): RegisterForm {
  const [values, setValues] = useState<RegisterInput>(EMPTY);
  const [problems, setProblems] = useState<RegisterForm['problems']>({});
  const [failure, setFailure] = useState<RegisterForm['failure']>(null);
  const [submitting, setSubmitting] = useState(false);

  function submit(event: FormEvent): void {
    event.preventDefault();
    // One registration per tap: a double tap must not make two members.
    if (submitting) return;
    setSubmitting(true);
    registerMember(values)
      .then((result) => {
        if (result.ok) {
          window.location.hash = counterHrefFor(result.member.id);
          return;
        }
        setSubmitting(false);
        if (result.reason === 'invalid') {
          setProblems(result.problems);
          setFailure(null);
        } else {
          setProblems({});
          setFailure(result.reason);
        }
      })
      .catch((error: unknown) => {
        console.error('registration failed', error);
        setSubmitting(false);
        setFailure('storage-error');
      });
  }

  return {
    values,
    setText: (field, value) => setValues((current) => ({ ...current, [field]: value })),
    setConsent: (field, value) => setValues((current) => ({ ...current, [field]: value })),
    problems,
    failure,
    submitting,
    submit,
  };
}
