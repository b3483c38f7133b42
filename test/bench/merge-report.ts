import { readFile, writeFile } from 'node:fs/promises';
import { table, writeMarkdown, type BenchRow } from './report.ts';

/**
 * `npm run bench -- <names>` re-measures only some benchmarks: their rows and
 * notes replace the same rows and notes in docs/benchmarks.md, and every other
 * row stays as last measured, instead of the whole file being rewritten with a
 * partial table.
 */
export async function mergeMarkdown(path: string, rows: readonly BenchRow[], notes: readonly string[]): Promise<void> {
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing === null) return writeMarkdown(path, rows, notes);
  const lines = existing.trimEnd().split('\n');
  for (const row of rows) {
    const line = table([row]).split('\n')[2] ?? '';
    const at = lines.findIndex((l) => l.startsWith(`| ${row.name} |`));
    if (at >= 0) lines[at] = line;
    else lines.splice(lines.findLastIndex((l) => l.startsWith('|')) + 1, 0, line);
  }
  for (const note of notes) {
    // A note is known by its first three words ("Stock propagation: one…", "Demo chain loaded…").
    const key = `- ${note.split(' ').slice(0, 3).join(' ')}`;
    const at = lines.findIndex((l) => l.startsWith(key));
    if (at >= 0) lines[at] = `- ${note}`;
    else lines.push(`- ${note}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
}
