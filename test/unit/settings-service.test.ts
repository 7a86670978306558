import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, OPENAI_BASE_URL, SettingsService } from '../../main/core/settings-service';
import { openConfStore } from '../../main/core/storage/open-store';

describe('SettingsService', () => {
  it('uses OPENAI_BASE_URL until the user picks a base URL, and keeps choices across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-settings-'));
    expect(new SettingsService(openConfStore, dir, undefined).baseUrl).toBe(OPENAI_BASE_URL);
    const settings = new SettingsService(openConfStore, dir, 'http://127.0.0.1:11434/v1');
    expect(settings.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(settings.model).toBe(DEFAULT_MODEL);
    settings.update({ baseUrl: 'http://localhost:1234/v1', model: 'llama3.2' });
    const reopened = new SettingsService(openConfStore, dir, 'http://127.0.0.1:11434/v1');
    expect(reopened.baseUrl).toBe('http://localhost:1234/v1');
    expect(reopened.model).toBe('llama3.2');
  });

  it('moves a settings file with the wrong shape aside and reports it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-settings-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ model: 42 }));
    const settings = new SettingsService(openConfStore, dir, undefined);
    expect(settings.notice).toMatch(/settings\.json could not be read/);
    expect(settings.model).toBe(DEFAULT_MODEL);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
  });
});
