/**
 * BENCH_SCALE (default 1) shrinks the data sizes of the scale benchmarks so
 * they can be developed on a shared machine, e.g. BENCH_SCALE=0.05. Targets
 * are set for the full size; a scaled run says its scale in the row name.
 */
export const BENCH_SCALE = parseScale(process.env.BENCH_SCALE);

function parseScale(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) throw new RangeError(`BENCH_SCALE must be in (0, 1], got ${raw}`);
  return scale;
}

/** `full` scaled down, never below `floor`. */
export function scaled(full: number, floor = 1): number {
  return Math.max(floor, Math.round(full * BENCH_SCALE));
}

/** " (scale 0.1)" for a scaled run's row name; empty at full size. */
export function scaleNote(): string {
  return BENCH_SCALE === 1 ? '' : ` (BENCH_SCALE ${BENCH_SCALE})`;
}
