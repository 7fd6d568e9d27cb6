import { expect } from 'vitest';
import { splitRow } from './markdownTable.js';

/** Every table in a Markdown text: each row must have as many cells as its header (what GitHub needs to show it). */
export function expectTablesWellFormed(md: string): number {
  const lines = md.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|') || (i > 0 && lines[i - 1].startsWith('|'))) continue;
    tables += 1;
    const width = splitRow(lines[i]).length;
    for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) {
      expect(splitRow(lines[j]), `row ${j}: ${lines[j]}`).toHaveLength(width);
    }
  }
  return tables;
}
