import { normaliseEmail } from './identity/email.ts';
import { foldKana } from './identity/kana.ts';
import { isKanaName } from './member-search.ts';
import { normalisePhone } from './phone.ts';

/** What the clerk filled in at the counter. */
export interface RegistrationForm {
  name: string;
  nameKana: string;
  phone: string;
  /** '' when the member gave none. */
  email: string;
  consentTerms: boolean;
  consentMarketing: boolean;
}

/** The same fields, normalised the way the server stores them (phone E.164, e-mail folded). */
export interface Registration extends RegistrationForm {
  kanaKey: string;
}

export type RegistrationField = 'name' | 'nameKana' | 'phone' | 'email' | 'consentTerms';
export type RegistrationProblem = 'required' | 'too-long' | 'not-kana' | 'not-phone' | 'not-email' | 'terms-required';
export type RegistrationCheck =
  | { ok: true; registration: Registration }
  | { ok: false; problems: Partial<Record<RegistrationField, RegistrationProblem>> };

/** memberSchema's limits, so a form the tablet accepts is never refused by the schema later. */
const MAX_NAME = 100;

/**
 * Checks a registration with the rules the server applies to a pushed member
 * (normalisePhone, normaliseEmail), before anything is written: a member the
 * tablet accepted offline must not be refused at sync, when the customer has
 * long left the shop. Kana must be kana once folded (it is the lookup key).
 */
export function checkRegistration(form: RegistrationForm): RegistrationCheck {
  const name = form.name.normalize('NFKC').trim();
  const nameKana = form.nameKana.normalize('NFKC').trim();
  const phone = normalisePhone(form.phone);
  const emailText = form.email.trim();
  const email = emailText === '' ? '' : normaliseEmail(emailText);
  const problems: Partial<Record<RegistrationField, RegistrationProblem>> = {};
  if (name === '') problems.name = 'required';
  else if (name.length > MAX_NAME) problems.name = 'too-long';
  if (nameKana === '') problems.nameKana = 'required';
  else if (nameKana.length > MAX_NAME) problems.nameKana = 'too-long';
  else if (!isKanaName(nameKana)) problems.nameKana = 'not-kana';
  if (form.phone.trim() === '') problems.phone = 'required';
  else if (phone === null) problems.phone = 'not-phone';
  if (email === null) problems.email = 'not-email';
  if (!form.consentTerms) problems.consentTerms = 'terms-required';
  if (Object.keys(problems).length > 0 || phone === null || email === null) return { ok: false, problems };
  return {
    ok: true,
    registration: { name, nameKana, kanaKey: foldKana(nameKana), phone, email, consentTerms: true, consentMarketing: form.consentMarketing },
  };
}
