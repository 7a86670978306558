import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

function runStart(electronDir: string): Promise<{ code: number | null; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, AIDE_ELECTRON_DIR: electronDir };
  delete env.ELECTRON_EXEC_PATH;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script], { env }, (_error, _stdout, stderr) => {
      resolve({ code: child.exitCode, stderr });
    });
  });
}

describe('npm start without an Electron binary', () => {
  it('explains how to get one and points to browser mode, and fails', async () => {
    const { code, stderr } = await runStart(await mkdtemp(join(tmpdir(), 'aide-no-electron-')));
    expect(code).toBe(1);
    expect(stderr).toContain('Electron binary is not installed');
    expect(stderr).toContain('npx install-electron');
    expect(stderr).toContain('npm run web');
  });

  it('fails the same way when path.txt names a binary that was never downloaded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aide-half-electron-'));
    await writeFile(join(dir, 'path.txt'), 'electron');
    const { code, stderr } = await runStart(dir);
    expect(code).toBe(1);
    expect(stderr).toContain('npm run web');
  });
});
