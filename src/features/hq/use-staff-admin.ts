import { useState } from 'react';
import type { StaffSummary } from '../../protocol/index.ts';
import { hqFailureOf, useHqApiKey, type HqApiKey, type HqFailure } from './hq-api.ts';
import { fetchLocations, fetchStaff, putStaff, type Location } from './staff-api.ts';
import { checkStaff, problemsFromServer, type StaffCheck, type StaffDraft, type StaffProblems } from './staff-validation.ts';
import { useHqLoad } from './use-hq-load.ts';

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

const NO_LOCATIONS: Location[] = [];
const NO_STAFF: StaffSummary[] = [];

async function loadStaffLists(apiKey: string): Promise<{ locations: Location[]; staff: StaffSummary[] }> {
  const [locations, staff] = await Promise.all([fetchLocations(apiKey), fetchStaff(apiKey)]);
  return { locations, staff };
}

/** #/hq/staff's state and actions; the screen only renders it. */
export function useStaffAdmin(): StaffAdmin {
  const session = useHqApiKey();
  const { apiKey } = session;
  const { data, failure, setFailure, loading, reload } = useHqLoad(apiKey, loadStaffLists);
  const locations = data?.locations ?? NO_LOCATIONS;
  const staff = data?.staff ?? NO_STAFF;
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<StaffSummary | null>(null);

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
    loading,
    locations,
    staff,
    failure,
    saving,
    saved,
    reload,
    save,
  };
}
