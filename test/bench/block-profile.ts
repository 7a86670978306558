// Says what a benchmark's longest block was: a CPU profile of this thread (the inspector's own
// sampler, in process), and for a stretch of time the functions that ran most in it — on their
// own, and the innermost of Aide's own frames (main/) they ran under. Costs a little CPU while
// on, so the benches turn it on only when asked (BENCH_PROFILE=1).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { Profiler } from 'node:inspector';

export interface Profiling {
  /** Stops sampling; the profile is kept for `describe` and saved to `file` when given. */
  stop(file?: string): Promise<void>;
  /** What ran from `fromMs` to `toMs` (performance.now() times), in a line; '' before stop. */
  describe(fromMs: number, toMs: number): string;
}

/** performance.now() in the profiler's clock (µs of the monotonic clock, as process.hrtime). */
function nowToMonotonicUs(): (ms: number) => number {
  const offsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
  return (ms) => ms * 1000 + offsetUs;
}

export async function startProfiling(intervalUs = 250): Promise<Profiling> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  const toUs = nowToMonotonicUs();
  let profile: Profiler.Profile | null = null;
  return {
    async stop(file) {
      ({ profile } = await session.post('Profiler.stop'));
      session.disconnect();
      if (file) writeFileSync(file, JSON.stringify(profile));
    },
    describe(fromMs, toMs) {
      return profile ? summarise(profile, toUs(fromMs), toUs(toMs)) : '';
    },
  };
}

const label = (frame: Profiler.ProfileNode['callFrame']): string => {
  const file = frame.url.split('/').pop()?.split('?')[0] ?? '';
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
};

// Aide's own frames: its sources under Vitest, the bundle in startup-event-loop's runs.
const OWN_CODE = /\/(main|common)\/[^?]*\.ts|startup-run\.mjs/;

function summarise(profile: Profiler.Profile, fromUs: number, toUs: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const under = new Map<string, number>();
  let time = profile.startTime;
  const deltas = profile.timeDeltas ?? [];
  profile.samples?.forEach((id, i) => {
    time += deltas[i] ?? 0;
    const next = time + (deltas[i + 1] ?? 0);
    if (next < fromUs || time > toUs) return;
    const ms = (Math.min(next, toUs) - Math.max(time, fromUs)) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    self.set(label(node.callFrame), (self.get(label(node.callFrame)) ?? 0) + ms);
    let at: number | undefined = id;
    while (at !== undefined && !OWN_CODE.test(byId.get(at)!.callFrame.url)) at = parent.get(at);
    const ours = at === undefined ? '(no Aide frame)' : label(byId.get(at)!.callFrame);
    under.set(ours, (under.get(ours) ?? 0) + ms);
  });
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
      .join('; ');
  return `self: ${top(self)} | under: ${top(under)}`;
}
