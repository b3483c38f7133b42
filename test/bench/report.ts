import { cpus, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One line of the table: a figure, the same-run baseline it is compared with, and the target. */
export interface BenchRow {
  name: string;
  /** Median of the runs, in `unit`. */
  value: number;
  baselineName: string;
  baseline: number;
  unit: string;
  /** `higher` when more is better (throughput), `lower` for times. */
  better: 'higher' | 'lower';
  runs: number;
  /** Plain words, e.g. "≥ 2,000/s"; empty when the issue sets none. */
  target: string;
  met: boolean | null;
  /** Why the figure could not be measured in this run (e.g. no PostgreSQL given); the row says so instead of a number. */
  notMeasured?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** value ÷ baseline: how many baselines the figure is (for times, > 1 means slower than the floor). */
export function ratio(row: BenchRow): number {
  return row.value / row.baseline;
}

const format = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(n >= 10 ? 1 : 2));

export function table(rows: readonly BenchRow[]): string {
  const header = '| benchmark | median | baseline (same run) | ratio | runs | target | met |\n|---|---|---|---|---|---|---|';
  const lines = rows.map((row) => {
    if (row.notMeasured !== undefined) return `| ${row.name} | ${row.notMeasured} | — | — | 0 | ${row.target || '—'} | — |`;
    const met = row.met === null ? '—' : row.met ? 'yes' : '**no**';
    return `| ${row.name} | ${format(row.value)} ${row.unit} | ${row.baselineName}: ${format(row.baseline)} ${row.unit} | ${ratio(row).toFixed(2)}× | ${row.runs} | ${row.target || '—'} | ${met} |`;
  });
  return [header, ...lines].join('\n');
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

export async function writeMarkdown(path: string, rows: readonly BenchRow[], notes: readonly string[]): Promise<void> {
  const body = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` on ${new Date().toISOString()}.`,
    '',
    `Machine: ${machine()}.`,
    '',
    'Each figure is the median of several runs; its baseline is measured in the same run on the same machine, so',
    'compare ratios, not absolute numbers, across machines. These machines are noisy. Where a target is missed,',
    '[performance.md](performance.md) says where the time goes and what was done about it.',
    '',
    table(rows),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
}
