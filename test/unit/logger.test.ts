import { mkdir, mkdtemp, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../main/core/logger';

describe('file logger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aide-logger-'));
  });
  const logFile = (name = 'aide.log') => join(dir, 'logs', name);
  const lines = async (name = 'aide.log') => (await readFile(logFile(name), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('writes JSON lines with time, level, message and fields, readable by the owner only', async () => {
    const logger = createFileLogger(dir);
    logger.info('started', { version: '0.1.0' });
    logger.error('failed', { code: 'network' });
    expect(await lines()).toEqual([
      { time: expect.any(String), level: 'info', message: 'started', version: '0.1.0' },
      { time: expect.any(String), level: 'error', message: 'failed', code: 'network' },
    ]);
    expect((await stat(logFile())).mode & 0o777).toBe(0o600);
  });

  it('tightens the mode of a log left readable by others', async () => {
    await mkdir(join(dir, 'logs'));
    await writeFile(logFile(), '', { mode: 0o644 });
    createFileLogger(dir).info('hello');
    expect((await stat(logFile())).mode & 0o777).toBe(0o600);
  });

  it('rotates before a line would pass the size limit, keeping the newest N files', async () => {
    const logger = createFileLogger(dir, { maxBytes: 1_000, keep: 3 });
    for (let i = 0; i < 100; i++) logger.info(`line ${i}`, { padding: 'x'.repeat(60) });
    const files = (await readdir(join(dir, 'logs'))).sort();
    expect(files).toEqual(['aide.1.log', 'aide.2.log', 'aide.3.log', 'aide.log']);
    for (const name of files) {
      expect((await stat(logFile(name))).size).toBeLessThanOrEqual(1_000);
      expect((await stat(logFile(name))).mode & 0o777).toBe(0o600);
    }
    const current = await lines();
    expect(current.at(-1)?.message).toBe('line 99');
    const previous = await lines('aide.1.log');
    const firstCurrent = Number(String(current[0]?.message).split(' ')[1]);
    expect(previous.at(-1)?.message).toBe(`line ${firstCurrent - 1}`);
    // Oldest kept: three files back; everything older was dropped.
    const oldest = Number(String((await lines('aide.3.log'))[0]?.message).split(' ')[1]);
    expect(oldest).toBeGreaterThan(0);
  });

  it('rotates at the default 1 MB', async () => {
    const logger = createFileLogger(dir);
    const padding = 'y'.repeat(1_000);
    for (let i = 0; i < 1_100; i++) logger.info('bulk', { i, padding });
    const size = (await stat(logFile('aide.1.log'))).size;
    expect(size).toBeLessThanOrEqual(1024 * 1024);
    expect(size).toBeGreaterThan(1024 * 1024 - 1_100);
  });

  it('redacts keys and credential headers before a line is written', async () => {
    const logger = createFileLogger(dir);
    logger.warn('chat request failed', {
      error: '401 Incorrect API key provided: sk-proj-Secret0123456789abcd',
      request: 'POST /v1/chat/completions Authorization: Bearer sk-live-Other0123456789wxyz',
      headers: { authorization: 'Bearer opaque-token-000111', 'x-api-key': 'azure-key-000222', 'api-key': 'azure-key-000333' },
    });
    const text = await readFile(logFile(), 'utf8');
    for (const secret of ['Secret0123456789', 'Other0123456789', 'opaque-token-000111', 'azure-key-000222', 'azure-key-000333']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/bearer\s+(?!\[redacted\])/i);
    expect(JSON.parse(text)).toMatchObject({ headers: { authorization: 'Bearer [redacted]', 'x-api-key': '[redacted]' } });
  });

  it('never throws: a full disk, a data folder that is a file, a value JSON cannot hold', async () => {
    await mkdir(join(dir, 'logs'));
    await symlink('/dev/full', logFile());
    const full = createFileLogger(dir);
    expect(() => full.error('disk full', { at: 1 })).not.toThrow();

    const notAFolder = join(dir, 'plain-file');
    await writeFile(notAFolder, '');
    let logger: ReturnType<typeof createFileLogger> | undefined;
    expect(() => (logger = createFileLogger(notAFolder))).not.toThrow();
    expect(() => logger!.info('nowhere to go')).not.toThrow();
    expect(existsSync(join(notAFolder, 'logs'))).toBe(false);

    const cyclic: Record<string, unknown> = { big: 10n };
    cyclic.self = cyclic;
    const ok = createFileLogger(await mkdtemp(join(tmpdir(), 'aide-logger-')));
    expect(() => ok.info('odd fields', { cyclic })).not.toThrow();
  });

  it('writes fields JSON refuses as strings rather than losing the line', async () => {
    const cyclic: Record<string, unknown> = { big: 10n };
    cyclic.self = cyclic;
    createFileLogger(dir).info('odd fields', { cyclic });
    expect(await lines()).toEqual([expect.objectContaining({ message: 'odd fields', cyclic: { big: '10', self: '[circular]' } })]);
  });
});
