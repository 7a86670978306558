// reminders.jsonl and its journal, through the real agenda on real files: a change is one appended
// line, a torn end or a damaged line loses only itself, a fold cut short loses nothing, and a large
// file loads in slices with the event loop running in between.
import { appendFile, mkdtemp, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../main/core/ports';
import { AgendaService } from '../../main/core/reminders/agenda-service';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const now = new Date('2026-03-02T08:00:00Z');

describe('reminders on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-reminder-files-'));
  });
  const open = (foldAfter?: number) =>
    AgendaService.open({
      openStore: openConfStore,
      dataDir: dir,
      clock: { now: () => now },
      logger: quiet,
      timeZone: () => 'Europe/Berlin',
      ...(foldAfter !== undefined && { foldAfter }),
    });
  const add = (service: AgendaService, title: string) =>
    service.createReminder({ title, due: '2026-03-05T10:00:00+01:00', rrule: null, notes: null });
  const titles = (service: AgendaService) =>
    service
      .listReminders()
      .map((r) => r.title)
      .sort();
  const journal = () => join(dir, 'reminders-journal.jsonl');
  const snapshot = () => join(dir, 'reminders.jsonl');
  /** Opens and waits for the fold of the last run's journal: reminders.jsonl holds everything. */
  const openFolded = async () => {
    const service = await open();
    await service.settled();
    return service;
  };

  it('writes a change as one appended line, leaving reminders.jsonl as it was', async () => {
    const first = await open();
    for (const title of ['a', 'b', 'c']) add(first, title);
    const service = await openFolded();
    const before = await readFile(snapshot(), 'utf8');
    expect(before.trim().split('\n')).toHaveLength(4); // the header and three items
    const [item] = service.listReminders();
    service.updateReminder(item!.id, { title: 'renamed' });
    expect(await readFile(snapshot(), 'utf8')).toBe(before);
    const lines = (await readFile(journal(), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: item!.id, record: { title: 'renamed' } });
    expect(titles(await open())).toEqual(['b', 'c', 'renamed'].sort());
  });

  it('drops a torn last line and a batch cut short, keeps the rest, and writes whole lines after them', async () => {
    const first = await openFolded();
    add(first, 'kept');
    const whole = (await readFile(journal(), 'utf8')).trim();
    const record = JSON.parse(whole) as { record: Record<string, unknown> };
    // A killed run: a batch of two of which one line was written, then half a line.
    const halfBatch = JSON.stringify({
      kind: 'reminder',
      id: 'x',
      record: { ...record.record, id: 'x', title: 'half' },
    });
    await appendFile(journal(), `{"batch":2}\n${halfBatch}\n{"kind":"remin`);

    const reopened = await open();
    expect(reopened.notice).toBeNull();
    expect(titles(reopened)).toEqual(['kept']);
    add(reopened, 'after');
    const again = await open();
    expect(again.notice).toBeNull();
    expect(titles(again)).toEqual(['after', 'kept']);
  });

  it('keeps a copy of a damaged reminders.jsonl, keeps its readable items, and says so once', async () => {
    const first = await open();
    for (const title of ['a', 'b', 'c']) add(first, title);
    await openFolded();
    const lines = (await readFile(snapshot(), 'utf8')).split('\n');
    lines[2] = lines[2]!.replace('"title":', '"title":{');
    await writeFile(snapshot(), lines.join('\n'));

    const damaged = await open();
    expect(damaged.notice).toMatch(
      /^reminders\.jsonl had 1 unreadable line\(s\)\. A copy was kept as .*reminders\.corrupt-.*\.jsonl; Aide kept the 2 readable/,
    );
    expect(damaged.listReminders()).toHaveLength(2);
    expect((await readdir(dir)).filter((name) => name.includes('.corrupt-'))).toHaveLength(1);
    const again = await open();
    expect(again.notice).toBeNull();
    expect(again.listReminders()).toHaveLength(2);
  });

  it('loses nothing when a fold was cut short (journal moved aside, new snapshot half written)', async () => {
    const first = await open();
    add(first, 'in the snapshot');
    await openFolded();
    const moving = await open();
    add(moving, 'in the moved journal');
    // The run was killed mid-fold: its journal moved aside, a new one begun, the snapshot's temp file half written.
    await rename(journal(), join(dir, 'reminders-journal.folding.jsonl'));
    add(moving, 'in the new journal');
    await writeFile(`${snapshot()}.writing-killed`, '{"aide":"reminders","version":1}\n{"kind":"rem');

    const reopened = await open();
    expect(reopened.notice).toBeNull();
    expect(titles(reopened)).toEqual(['in the moved journal', 'in the new journal', 'in the snapshot']);
    expect(await readdir(dir)).not.toContain('reminders-journal.folding.jsonl');
    expect(titles(await open())).toEqual(titles(reopened));
  });

  it('keeps changes made while the journal is folded in the background', async () => {
    const service = await open(5);
    for (let i = 0; i < 40; i++) {
      add(service, `item ${String(i).padStart(2, '0')}`);
      // Let the fold's asynchronous writes run between changes.
      await nextTurn();
    }
    await service.settled();
    // Folded along the way: the journal holds only the changes since the last fold.
    const left = await readFile(journal(), 'utf8').catch(() => '');
    expect(left.split('\n').filter(Boolean).length).toBeLessThan(5);
    expect((await stat(snapshot())).size).toBeGreaterThan(0);
    const reopened = await open();
    expect(reopened.notice).toBeNull();
    expect(titles(reopened)).toEqual(Array.from({ length: 40 }, (_, i) => `item ${String(i).padStart(2, '0')}`));
  });

  it('loads 5,000 items with the event loop running in between', async () => {
    const first = await open();
    first.batch(() => {
      for (let i = 0; i < 5_000; i++) add(first, `item ${i}`);
    });
    await first.settled();
    let turns = 0;
    let counting = true;
    const count = async () => {
      while (counting) {
        await nextTurn();
        turns += 1;
      }
    };
    const counter = count();
    const service = await open();
    counting = false;
    await counter;
    expect(service.listReminders()).toHaveLength(5_000);
    // Read and checked a slice at a time: other callbacks ran meanwhile, not only once at the end.
    expect(turns).toBeGreaterThan(3);
  });
});
