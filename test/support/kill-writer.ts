// The shared half of the crash tests: runs a bundled writer fixture, which prints "ack …" once each
// write it made is on disk, and kills it with SIGKILL a while after its first ack.
import { spawn } from 'node:child_process';

/** Runs `writer` with `args`, kills it `afterMs` after its first ack; resolves to each ack's words after "ack". */
export function runAndKill(writer: string, args: string[], afterMs: number): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: string[][] = [];
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, ...rest] = line.split(' ');
        if (word !== 'ack') continue;
        acks.push(rest);
        timer ??= setTimeout(() => child.kill('SIGKILL'), afterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer ended on its own (${code}): ${stderr}`));
      else resolve(acks);
    });
  });
}
