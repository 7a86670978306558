// settings.json 1.2.0: the rate limits, the budget and the key rotation interval, added to an
// older file by its migration and kept across restarts.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsService } from '../../main/core/settings-service';
import { openConfStore } from '../../main/core/storage/open-store';

describe('settings 1.2.0', () => {
  it('adds the limits, the budget and the rotation interval to a 1.1.0 file, keeping the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-settings-'));
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        baseUrl: null,
        model: 'gpt-4.1-mini',
        keySavedAt: '2026-01-01T00:00:00.000Z',
        lastConversationId: null,
        shortcut: 'Alt+Space',
        runInBackground: true,
        startAtLogin: false,
        remindersPausedUntil: null,
        __internal__: { migrations: { version: '1.1.0' } },
      }),
    );
    const settings = new SettingsService(openConfStore, dir, undefined);
    expect(settings.notice).toBeNull();
    expect(settings.model).toBe('gpt-4.1-mini');
    expect(settings.desktop.shortcut).toBe('Alt+Space');
    expect(settings.limits).toEqual({ requestsPerMinute: 500, tokensPerMinute: 200_000 });
    expect(settings.budget).toEqual({ monthlyUsd: null, warnAt: 0.8, hardStop: false });
    expect(settings.keyRotationDays).toBe(90);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as { __internal__: { migrations: { version: string } } };
    expect(file.__internal__.migrations.version).toBe('1.2.0');
  });

  it('keeps changed limits, budget and rotation across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-settings-'));
    const settings = new SettingsService(openConfStore, dir, undefined);
    settings.update({
      limits: { requestsPerMinute: 3, tokensPerMinute: 40_000 },
      budget: { monthlyUsd: 5, warnAt: 0.5, hardStop: true },
      keyRotationDays: null,
    });
    const reopened = new SettingsService(openConfStore, dir, undefined);
    expect(reopened.limits).toEqual({ requestsPerMinute: 3, tokensPerMinute: 40_000 });
    expect(reopened.budget).toEqual({ monthlyUsd: 5, warnAt: 0.5, hardStop: true });
    expect(reopened.keyRotationDays).toBeNull();
  });
});
