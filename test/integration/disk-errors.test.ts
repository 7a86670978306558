// A data folder that fails under Aide (a folder where a file should be, a file where a folder
// should be) gives the person a sentence with no path and no system error text, in every feature.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/core-harness';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({ env: { OPENAI_API_KEY: 'sk-test-disk-errors-0000' } });
});
afterEach(async () => harness.close());

async function refusal(name: string, payload: unknown): Promise<string> {
  try {
    await harness.core.dispatch(name, payload);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${name} succeeded`);
}

describe('a data folder that fails', () => {
  it('settings: a folder in the way of settings.json', async () => {
    await rm(join(harness.dataDir, 'settings.json'), { force: true });
    await mkdir(join(harness.dataDir, 'settings.json', 'x'), { recursive: true });
    const message = await refusal('updateSettings', { model: 'llama3.2:3b' });
    expect(message).toBe(
      'A folder is in the way of one of Aide’s files in its data folder. Move it aside and try again.',
    );
  });

  it('chat: a file in the way of the conversations folder', async () => {
    const conversation = (await harness.core.dispatch('createConversation', undefined)) as { id: string };
    await rm(join(harness.dataDir, 'conversations'), { recursive: true, force: true });
    await writeFile(join(harness.dataDir, 'conversations'), 'not a folder');
    const message = await refusal('sendMessage', { conversationId: conversation.id, text: 'hello' });
    expect(message).not.toContain(harness.dataDir);
    expect(message).toMatch(/^A (file|folder) is in the way of one of Aide’s (files|folders) in its data folder\./);
  });
});
