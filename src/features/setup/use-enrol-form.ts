import { useState, type FormEvent } from 'react';
import { enrolDevice, failureOf, type SyncFailure } from '../../sync/index.ts';

export type EnrolProblem = 'code-required' | 'name-required' | 'offline' | SyncFailure;

export interface EnrolForm {
  code: string;
  setCode: (code: string) => void;
  deviceName: string;
  setDeviceName: (name: string) => void;
  submitting: boolean;
  problem: EnrolProblem | null;
  submit: (event: FormEvent) => void;
}

/**
 * The enrolment form's state. On success there is nothing to do here: the
 * stored enrolment is observed by the app, which leaves this screen and
 * starts replication.
 */
export function useEnrolForm(defaultDeviceName: string): EnrolForm {
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(defaultDeviceName);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<EnrolProblem | null>(null);

  async function enrol(): Promise<void> {
    const trimmedCode = code.normalize('NFKC').trim();
    const trimmedName = deviceName.trim();
    if (trimmedCode === '') return setProblem('code-required');
    if (trimmedName === '') return setProblem('name-required');
    // Say "no network" plainly instead of letting fetch fail with a generic error.
    if (!navigator.onLine) return setProblem('offline');
    setProblem(null);
    setSubmitting(true);
    try {
      await enrolDevice({ code: trimmedCode, deviceName: trimmedName });
    } catch (error) {
      console.warn('enrolment failed', error);
      setProblem(failureOf(error));
      setSubmitting(false);
    }
  }

  return {
    code,
    setCode,
    deviceName,
    setDeviceName,
    submitting,
    problem,
    submit(event) {
      event.preventDefault();
      if (!submitting) void enrol();
    },
  };
}
