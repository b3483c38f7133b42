import { describe, expect, it } from 'vitest';
import { TenpoError } from '../../src/protocol/index.ts';
import { checkStaff, problemsFromServer, type StaffDraft } from '../../src/features/hq/staff-validation.ts';

/** #/hq/staff checks a draft like the server does, so each field says what to fix before anything is sent. */
describe('HQ staff form checks', () => {
  const draft = (change: Partial<StaffDraft> = {}): StaffDraft => ({
    staffId: 'tanaka',
    name: ' 田中 一郎 ',
    role: 'clerk',
    shopId: 'shop-a',
    pin: '1234',
    active: true,
    ...change,
  });
  const check = { isNew: true, takenIds: new Set(['taken']), shopIds: new Set(['shop-a']) };

  it('turns a valid new clerk into the PUT body, name trimmed', () => {
    expect(checkStaff(draft(), check)).toEqual({ request: { name: '田中 一郎', role: 'clerk', shopId: 'shop-a', active: true, pin: '1234' } });
  });

  it('gives hq staff no shop, and keeps the PIN on an update left blank', () => {
    expect(checkStaff(draft({ role: 'hq', shopId: 'shop-a', pin: '' }), { ...check, isNew: false })).toEqual({
      request: { name: '田中 一郎', role: 'hq', shopId: null, active: true },
    });
  });

  it('names each field that needs fixing', () => {
    expect(checkStaff(draft({ staffId: '', name: '  ', shopId: '', pin: '' }), check)).toEqual({
      problems: { staffId: 'required', name: 'required', shopId: 'shopRequired', pin: 'pinRequired' },
    });
    expect(checkStaff(draft({ staffId: 'has space', name: 'あ'.repeat(81), shopId: 'gone', pin: '12' }), check)).toEqual({
      problems: { staffId: 'staffIdFormat', name: 'nameTooLong', shopId: 'shopUnknown', pin: 'pinFormat' },
    });
    expect(checkStaff(draft({ staffId: 'taken' }), check)).toEqual({ problems: { staffId: 'staffIdTaken' } });
    // An existing id is the one being edited, not a clash.
    expect(checkStaff(draft({ staffId: 'taken' }), { ...check, isNew: false })).toHaveProperty('request');
  });

  it('reads the fields out of the server’s 422, and nothing out of other errors', () => {
    const refused = new TenpoError('unprocessable', 'no shop', 422, [{ path: 'shopId', message: 'unknown shop' }]);
    expect(problemsFromServer(refused)).toEqual({ shopId: 'shopUnknown' });
    const misfit = new TenpoError('unprocessable', 'role', 422, [{ path: 'shopId', message: 'does not fit the role' }]);
    expect(problemsFromServer(misfit)).toEqual({ shopId: 'shopRequired' });
    expect(problemsFromServer(new TenpoError('unauthorized', 'key'))).toBeNull();
    expect(problemsFromServer(new Error('network'))).toBeNull();
  });
});
