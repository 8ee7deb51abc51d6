/**
 * A unit test's CSV fixture and the diff table a failing unit test prints: every row is read, however many (red team
 * 126: rows past the 10,000th were left unread without a word), each once.
 */
import t from 'tap';
import { csvSecretCells, diffTableSecretCells } from '../../src/detectors/csv-rows.js';
import { workMeter } from '../../src/detectors/work.js';

const isKey = (name: string): boolean => name === 'api_key';
const shown = (text: string, cells: { start: number; end: number }[]) => cells.map((c) => text.slice(c.start, c.end));

t.test("a CSV fixture's rows: the last of 12,000 read, the work linear in the rows", async (t) => {
  const csv = (rows: number) => `id,api_key\n${Array.from({ length: rows }, (_, i) => `${i},\n`).join('')}last,Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E\n`;
  const text = csv(12_000);
  t.same(shown(text, csvSecretCells(text, isKey)), ['Qv3nLx8KmR2pZt7WbY4cHd9JfUa5Gs6E'], 'the row after 12,000 others');
  // (work per character of the text: the row numbers grow longer)
  const work = (rows: number) => {
    const text = csv(rows);
    const before = workMeter.chars;
    csvSecretCells(text, isKey);
    return (workMeter.chars - before) / text.length;
  };
  const ratio = work(40_000) / work(10_000);
  t.ok(ratio < 1.25, `×4 the rows: ×${ratio.toFixed(2)} the work a character`);
});

t.test("a failing unit test's diff table: the last of 12,000 rows read", async (t) => {
  const text = `actual differs from expected:\n\n@@ ,id ,api_key\n${'+++,1  ,\n'.repeat(12_000)}+++,2  ,Hd6Tz9Pq2Ws5EKq7Lm2Xv9Rk4Nw8Yc3\n`;
  t.same(shown(text, diffTableSecretCells(text, isKey)), ['Hd6Tz9Pq2Ws5EKq7Lm2Xv9Rk4Nw8Yc3'], 'the row after 12,000 others');
});
