import type { NamePart } from './names.ts';
import type { Rng } from './random.ts';

/**
 * Reserved example domains only (RFC 2606 and JPRS's example.jp), so a demo
 * that ever sends mail cannot reach a real person.
 */
const DOMAINS = ['example.jp', 'example.com', 'example.net', 'example.org'] as const;
const DOMAIN_WEIGHTS = [40, 35, 15, 10] as const;

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A romanised-name address, unique in `used` (compared in lower case, as mail
 * systems do). Some are upper-case or capitalised, the way old forms and
 * feature phones recorded them: matching must not depend on case.
 */
export function makeEmail(rng: Rng, family: NamePart, given: NamePart, used: Set<string>): string {
  const f = family.romaji;
  const g = given.romaji;
  const year = String(rng.int(55, 105) % 100).padStart(2, '0');
  const local = rng.weighted(
    [`${g}.${f}`, `${f}.${g}`, `${g}${f}${year}`, `${g.charAt(0)}${f}`, `${f}_${g}`, `${g}-${f}${rng.int(1, 99)}`],
    [25, 15, 20, 15, 15, 10],
  );
  const domain = rng.weighted(DOMAINS, DOMAIN_WEIGHTS);
  let candidate = `${local}@${domain}`;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${local}${n}@${domain}`;
  used.add(candidate);

  const casing = rng.next();
  if (casing < 0.05) return candidate.toUpperCase();
  if (casing < 0.1) return candidate.split('@').map((part) => part.split('.').map(capitalise).join('.')).join('@');
  return candidate;
}
