// The quick-add CLI as people and outside checks run it: `npm run -s quickadd`, a child process,
// stdout holding exactly the JSON lines.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function quickadd(args: string[], input = '') {
  const run = spawnSync(npm, ['run', '-s', 'quickadd', '--', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run -s quickadd', () => {
  it('prints one JSON line for one phrase', { timeout: 60_000 }, () => {
    const run = quickadd([
      '--now',
      '2026-11-25T10:00:00+01:00',
      '--tz',
      'Europe/Berlin',
      'remind me to call mom tomorrow at 5pm',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"kind":"reminder","title":"call mom","due":"2026-11-26T17:00:00+01:00","rrule":null}\n');
  });

  it(
    'answers --batch lines in order, with per-line now and tz and an error line for a malformed one',
    { timeout: 60_000 },
    () => {
      const input = [
        JSON.stringify({ text: 'dentist Tuesday 3-4pm' }),
        '{"text": "remind me to',
        JSON.stringify({
          text: 'remind me to call Mum tomorrow at 9am',
          now: '2026-04-04T08:00:00+11:00',
          tz: 'Australia/Sydney',
        }),
      ].join('\n');
      const run = quickadd(['--batch', '--now', '2026-11-25T10:00:00+01:00', '--tz', 'Europe/Berlin'], `${input}\n`);
      expect(run.code).toBe(0);
      const lines = run.stdout.split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe(
        '{"kind":"appointment","title":"dentist","start":"2026-12-01T15:00:00+01:00","end":"2026-12-01T16:00:00+01:00","rrule":null}',
      );
      expect(Object.keys(JSON.parse(lines[1] ?? '') as object)).toEqual(['error']);
      expect(lines[2]).toBe('{"kind":"reminder","title":"call Mum","due":"2026-04-05T09:00:00+10:00","rrule":null}');
      expect(lines[3]).toBe('');
    },
  );

  it('refuses an unknown zone with a message on stderr and exit code 2', { timeout: 60_000 }, () => {
    const run = quickadd(['--tz', 'Mars/Olympus', 'remind me at 5pm']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Mars/Olympus');
  });
});
