/**
 * Member QR payloads (DESIGN.md "Member QR codes"). `TNP1:<memberNo>` is a
 * static code (printed card, migrated paper card) that may only earn.
 * `TNP2:` codes are signed by the member's phone and checked by
 * signed-member-code.ts; here they are only recognised, never misread as a JAN.
 */
export type ScannedCode =
  | { kind: 'member-static'; memberNo: string }
  | { kind: 'member-signed'; raw: string }
  | { kind: 'product'; jan: string }
  | { kind: 'unknown'; raw: string };

const MEMBER_NO = /^\d{10}$/;

export function memberStaticCode(memberNo: string): string {
  if (!MEMBER_NO.test(memberNo)) throw new RangeError(`not a member number: ${memberNo}`);
  return `TNP1:${memberNo}`;
}

export function classifyScan(text: string): ScannedCode {
  const raw = text.trim();
  if (raw.startsWith('TNP1:')) {
    const memberNo = raw.slice(5);
    return MEMBER_NO.test(memberNo) ? { kind: 'member-static', memberNo } : { kind: 'unknown', raw };
  }
  if (raw.startsWith('TNP2:')) return { kind: 'member-signed', raw };
  if (/^\d{13}$/.test(raw)) return { kind: 'product', jan: raw };
  return { kind: 'unknown', raw };
}
