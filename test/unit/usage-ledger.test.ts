// The usage ledger on disk: one JSON line per request in a file per month, a torn last line
// skipped, the months the summary needs loaded at start, and nothing but counts written.
import { appendFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../main/core/ports';
import { UsageLedger, type UsageRecord } from '../../main/core/usage/usage-ledger';

const logger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const clockAt = (iso: string) => ({ now: () => new Date(iso) });
const record = (time: string, more: Partial<UsageRecord> = {}): UsageRecord => ({
  time,
  model: 'gpt-4o-mini',
  feature: 'chat',
  conversationId: 'c1',
  promptTokens: 100,
  cachedTokens: 40,
  completionTokens: 10,
  ...more,
});
const sum = (ledger: UsageLedger) =>
  [...ledger.totals()].reduce((t, b) => ({ requests: t.requests + b.requests, prompt: t.prompt + b.promptTokens }), { requests: 0, prompt: 0 });

describe('UsageLedger', () => {
  it('writes one line per request into the file of its month and reads them back after a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-ledger-'));
    const ledger = new UsageLedger({ dataDir, clock: clockAt('2026-03-02T10:00:00Z'), logger });
    await ledger.load();
    await ledger.append(record('2026-02-27T10:00:00Z'));
    await ledger.append(record('2026-03-02T09:00:00Z', { feature: 'tool_round' }));
    await ledger.append(record('2026-03-02T09:30:00Z', { conversationId: null, feature: 'quick_ask' }));
    expect((await readdir(join(dataDir, 'usage'))).sort()).toEqual(['usage-2026-02.jsonl', 'usage-2026-03.jsonl']);
    const march = (await readFile(join(dataDir, 'usage', 'usage-2026-03.jsonl'), 'utf8')).trim().split('\n');
    expect(march.map((l) => JSON.parse(l) as UsageRecord)).toEqual([
      record('2026-03-02T09:00:00Z', { feature: 'tool_round' }),
      record('2026-03-02T09:30:00Z', { conversationId: null, feature: 'quick_ask' }),
    ]);

    const reopened = new UsageLedger({ dataDir, clock: clockAt('2026-03-02T11:00:00Z'), logger });
    await reopened.load();
    expect(sum(reopened)).toEqual({ requests: 3, prompt: 300 });
    expect(await reopened.readAll()).toHaveLength(3);
  });

  it('skips a torn last line and keeps the next line whole', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-ledger-'));
    await mkdir(join(dataDir, 'usage'));
    const file = join(dataDir, 'usage', 'usage-2026-03.jsonl');
    await appendFile(file, `${JSON.stringify(record('2026-03-01T08:00:00Z'))}\n{"time":"2026-03-01T09:00:00Z","mod`);
    const ledger = new UsageLedger({ dataDir, clock: clockAt('2026-03-02T10:00:00Z'), logger });
    await ledger.load();
    expect(sum(ledger)).toEqual({ requests: 1, prompt: 100 });
    await ledger.append(record('2026-03-02T09:00:00Z'));
    const reopened = new UsageLedger({ dataDir, clock: clockAt('2026-03-02T10:00:00Z'), logger });
    await reopened.load();
    expect(sum(reopened)).toEqual({ requests: 2, prompt: 200 });
  });

  it('loads only the months a summary can show (this one and the last 40 days)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-ledger-'));
    const writer = new UsageLedger({ dataDir, clock: clockAt('2026-03-01T00:30:00Z'), logger });
    // 1 March: the last 30 days reach back into January (February has 28).
    for (const time of ['2025-12-15T12:00:00Z', '2026-01-10T12:00:00Z', '2026-01-30T12:00:00Z', '2026-02-10T12:00:00Z', '2026-03-01T00:10:00Z']) {
      await writer.append(record(time));
    }
    const ledger = new UsageLedger({ dataDir, clock: clockAt('2026-03-01T00:30:00Z'), logger });
    await ledger.load();
    expect(sum(ledger).requests).toBe(3);
    expect(await ledger.readAll()).toHaveLength(5);
  });

  it('writes only the known fields, never anything else it is handed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'aide-ledger-'));
    const ledger = new UsageLedger({ dataDir, clock: clockAt('2026-03-02T10:00:00Z'), logger });
    await ledger.append({ ...record('2026-03-02T09:00:00Z'), ...({ text: 'secret message' } as object) });
    expect(await readFile(join(dataDir, 'usage', 'usage-2026-03.jsonl'), 'utf8')).not.toContain('secret message');
  });
});
