// The tokenizer worker runs at the lowest priority and the search worker below normal (Linux: a nice
// value per thread), so on a busy machine the main process's event loop gets a core before they do,
// and a search someone types still gets a share of a core.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../main/core/chat/context-window';
import { ConversationStore } from '../../main/core/conversations/conversation-store';
import { SearchService } from '../../main/core/conversations/search/search-service';
import { systemClock, type Logger } from '../../main/core/ports';
import { openConfStore } from '../../main/core/storage/open-store';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Each thread of this process and its nice value (the 19th field of its stat line). */
async function niceByThread(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const tid of await readdir('/proc/self/task')) {
    const stat = await readFile(`/proc/self/task/${tid}/stat`, 'utf8').catch(() => null);
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields) out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

/** How many of this process's threads run at `nice`. */
const threadsAt = async (nice: number) => [...(await niceByThread()).values()].filter((n) => n === nice).length;

describe.runIf(process.platform === 'linux')('worker priority', () => {
  it('lowers the tokenizer worker to the lowest priority and the search worker below normal, not the main thread', async () => {
    const lowest = await threadsAt(19);
    const belowNormal = await threadsAt(10);
    expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(await threadsAt(19)).toBe(lowest + 1);

    const dataDir = await mkdtemp(join(tmpdir(), 'aide-priority-'));
    const search = new SearchService({
      dataDir,
      conversations: new ConversationStore(openConfStore, dataDir, systemClock),
      logger: quiet,
    });
    try {
      search.start();
      await search.whenReady();
      expect(await threadsAt(10)).toBe(belowNormal + 1);
      expect(await threadsAt(19)).toBe(lowest + 1);
      expect((await niceByThread()).get(process.pid)).toBe(0);
    } finally {
      await search.dispose();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
