import { normalisePhone } from './phone.ts';

/** What a clerk typed into the member search box, interpreted. */
export type MemberQuery = { by: 'memberNo'; memberNo: string } | { by: 'phone'; phone: string } | { by: 'none' };

export function parseMemberQuery(input: string): MemberQuery {
  const text = input.normalize('NFKC').trim();
  if (/^\d{10}$/.test(text) && !text.startsWith('0')) return { by: 'memberNo', memberNo: text };
  const phone = normalisePhone(text);
  if (phone) return { by: 'phone', phone };
  if (/^\d{10}$/.test(text)) return { by: 'memberNo', memberNo: text };
  return { by: 'none' };
}
