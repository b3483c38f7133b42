/**
 * The hand-over from registration to the counter: the new member's id rides in
 * the hash (#/counter?member=<id>), so the counter opens with them selected and
 * the clerk can earn at once, offline too (the member has an id, no number yet).
 */
const PARAM = 'member';

export function counterHrefFor(memberId: string): string {
  return `#/counter?${new URLSearchParams({ [PARAM]: memberId }).toString()}`;
}

/** The member id a registration handed over, or null. */
export function memberIdFromHash(hash: string): string | null {
  const query = hash.split('?')[1];
  if (query === undefined) return null;
  const id = new URLSearchParams(query).get(PARAM);
  return id === null || id === '' ? null : id;
}
