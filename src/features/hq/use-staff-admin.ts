import { useCallback, useEffect, useState } from 'react';
import type { StaffSummary } from '../../protocol/index.ts';
import { hqFailureOf, useHqApiKey, type HqApiKey, type HqFailure } from './hq-api.ts';
import { fetchLocations, fetchStaff, putStaff, type Location } from './staff-api.ts';
import { checkStaff, problemsFromServer, type StaffCheck, type StaffDraft, type StaffProblems } from './staff-validation.ts';

export interface StaffAdmin extends HqApiKey {
  loading: boolean;
  locations: Location[];
  staff: StaffSummary[];
  failure: HqFailure | null;
  saving: boolean;
  /** The staff member saved last, for the confirmation line. */
  saved: StaffSummary | null;
  reload: () => void;
  /** Checks and saves; resolves to null when saved, else the field problems (none when the call itself failed). */
  save: (draft: StaffDraft, isNew: boolean) => Promise<StaffProblems | null>;
}

/** #/hq/staff's state and actions; the screen only renders it. */
export function useStaffAdmin(): StaffAdmin {
  const session = useHqApiKey();
  const { apiKey } = session;
  const [locations, setLocations] = useState<Location[]>([]);
  const [staff, setStaff] = useState<StaffSummary[]>([]);
  const [answered, setAnswered] = useState('');
  const [generation, setGeneration] = useState(0);
  const [failure, setFailure] = useState<HqFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<StaffSummary | null>(null);

  useEffect(() => {
    if (apiKey === '') return;
    let live = true;
    const load = `${apiKey}:${generation}`;
    Promise.all([fetchLocations(apiKey), fetchStaff(apiKey)])
      .then(([foundLocations, foundStaff]) => {
        if (!live) return;
        setLocations(foundLocations);
        setStaff(foundStaff);
        setFailure(null);
      })
      .catch((error: unknown) => {
        if (live) setFailure(hqFailureOf(error));
      })
      .finally(() => {
        if (live) setAnswered(load);
      });
    return () => {
      live = false;
    };
  }, [apiKey, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  async function save(draft: StaffDraft, isNew: boolean): Promise<StaffProblems | null> {
    const check: StaffCheck = {
      isNew,
      takenIds: new Set(staff.map((member) => member.staffId)),
      shopIds: new Set(locations.filter((location) => location.kind === 'store').map((location) => location.id)),
    };
    const checked = checkStaff(draft, check);
    if ('problems' in checked) return checked.problems;
    setSaving(true);
    setSaved(null);
    try {
      const stored = await putStaff(apiKey, draft.staffId.trim(), checked.request);
      setSaved(stored);
      setFailure(null);
      reload();
      return null;
    } catch (error) {
      const problems = problemsFromServer(error);
      if (problems) return problems;
      setFailure(hqFailureOf(error));
      // Not a field's fault (network, key): the form stays open with what was typed.
      return {};
    } finally {
      setSaving(false);
    }
  }

  return {
    ...session,
    loading: apiKey !== '' && answered !== `${apiKey}:${generation}`,
    locations,
    staff,
    failure,
    saving,
    saved,
    reload,
    save,
  };
}
