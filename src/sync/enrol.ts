import { saveEnrolment, saveServerContact, type Enrolment } from '../db/index.ts';
import { requestPersistence } from '../device/persistent-storage.ts';
import { clearRevoked } from '../device/revoked-flag.ts';
import { enrolRequestSchema, type EnrolRequest } from '../protocol/index.ts';
import { TransportError } from './sync-failure.ts';
import { createHttpTransport } from './transport.ts';

/**
 * Enrols this tablet with a shop's enrolment code and keeps the device token.
 * Throws TenpoError (e.g. `invalid-enrolment-code`) or TransportError; the
 * setup screen turns either into a sentence a clerk can act on. Replication
 * starts when the app sees the stored enrolment (useSyncEngine).
 */
export async function enrolDevice(request: EnrolRequest): Promise<Enrolment> {
  const parsed = enrolRequestSchema.safeParse(request);
  if (!parsed.success) throw new TransportError('bad-response', 'invalid enrolment request');
  const response = await createHttpTransport({ token: null }).enrol(parsed.data);
  const enrolment: Enrolment = { ...response, deviceName: parsed.data.deviceName, enrolledAt: new Date().toISOString() };
  // The enrolment answer is the first server contact: the offline lease runs from here.
  await saveServerContact(new Date());
  await saveEnrolment(enrolment);
  clearRevoked();
  // Ask the browser not to evict this origin's storage under pressure: unsent
  // ledger entries live only here until they are pushed. Best effort; the
  // settings screen shows the answer.
  void requestPersistence();
  return enrolment;
}
