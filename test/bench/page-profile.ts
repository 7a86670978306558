// A Chromium bench's debugging aids, to trace a long task to its cause: a Chromium trace of the
// page (each task over 50 ms with the main thread's own CPU time in it by kind), a CDP CPU profile
// (the functions in those tasks), and the CPU time each process of the run used. With
// BENCH_TRACE_DIR set, the trace and the profile are kept there as files too.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Writes a trace or profile into BENCH_TRACE_DIR (when set), to open in Chromium's DevTools. */
function keep(name: string, data: string | Buffer): void {
  const folder = process.env.BENCH_TRACE_DIR;
  if (folder) writeFileSync(join(folder, name), data);
}

export async function startProfile(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return cdp;
}

const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anon)'}@${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber}`;

/** A span of the page's main thread, in the trace clock's µs (the CPU profile's clock too). */
export interface Span {
  ts: number;
  dur: number;
}

/** Stops the profile and prints, for each span, the functions that took its time, inclusive and own. */
export async function reportProfile(cdp: CDPSession, spans: Span[], top = 25): Promise<void> {
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile & { startTime: number } };
  await cdp.detach();
  keep(`profile-${Date.now()}.cpuprofile`, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const times: number[] = [];
  let time = profile.startTime;
  for (const delta of deltas) times.push((time += delta));
  for (const span of spans) {
    // ts 0: from the profile's start (the whole profile, or its first BENCH_TRACE_UNTIL ms).
    const from = span.ts === 0 ? profile.startTime : span.ts;
    const inclusive = new Map<string, number>();
    const own = new Map<string, number>();
    samples.forEach((id, k) => {
      if (times[k]! < from || times[k]! > from + span.dur) return;
      const dt = (times[k + 1] ?? times[k]!) - times[k]!;
      own.set(label(byId.get(id)!), (own.get(label(byId.get(id)!)) ?? 0) + dt);
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const key = label(byId.get(n)!);
        if (seen.has(key)) continue;
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
      }
    });
    const list = (m: Map<string, number>) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, v]) => `  ${(v / 1000).toFixed(1)} ${k}`)
        .join('\n');
    console.log(
      `PROFILE of the ${(span.dur / 1000).toFixed(0)} ms task\n inclusive:\n${list(inclusive)}\n own:\n${list(own)}`,
    );
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: far below `dur` when the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

/** Starts a Chromium trace of the page (BENCH_TRACE=1): task boundaries, script, style, layout, paint, GC. */
export async function startTrace(page: Page): Promise<void> {
  await page
    .context()
    .browser()!
    .startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'],
    });
}

/** Stops the trace and prints every main-thread task over 50 ms (BENCH_TRACE_OVER=<ms> to change) with the own CPU time of what ran in it. */
export async function reportTrace(page: Page): Promise<Span[]> {
  const buffer = await page.context().browser()!.stopTracing();
  keep(`trace-${Date.now()}.json`, buffer);
  const { traceEvents } = JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const events = traceEvents
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const t0 = tasks[0]?.ts ?? 0;
  const over = Number(process.env.BENCH_TRACE_OVER ?? 50) * 1000;
  const long = tasks.filter((t) => t.dur! > over);
  for (const task of long) {
    const lines = ownTimes(events, task)
      .map(([k, v]) => `  ${(v / 1000).toFixed(1)} ${k}`)
      .join('\n');
    console.log(
      `TASK ${(task.dur! / 1000).toFixed(0)} ms (CPU ${((task.tdur ?? 0) / 1000).toFixed(0)} ms) at +${((task.ts - t0) / 1000).toFixed(0)} ms\n${lines}`,
    );
  }
  const until = Number(process.env.BENCH_TRACE_UNTIL ?? Infinity) * 1000;
  const whole = {
    ts: t0,
    dur: Math.min(until, (tasks.at(-1)?.ts ?? t0) + (tasks.at(-1)?.dur ?? 0) - t0),
  } as TraceEvent;
  console.log(
    `${Number.isFinite(until) ? `FIRST ${until / 1000} MS` : 'WHOLE RUN'}, main thread own CPU times (ms):\n${ownTimes(
      events,
      whole,
    )
      .slice(0, 30)
      .map(([k, v]) => `  ${(v / 1000).toFixed(1)} ${k}`)
      .join('\n')}`,
  );
  console.log(`THREADS, CPU ms in tasks: ${threadTimes(traceEvents, main.pid, t0 + until)}`);
  return long.map((t) => ({ ts: t.ts, dur: t.dur! }));
}

/**
 * Own CPU time per kind of event inside `span` (events nest properly on one thread), biggest
 * first: thread time where the trace has it, so waiting for a core on a busy machine is left out.
 */
function ownTimes(events: TraceEvent[], span: TraceEvent): [string, number][] {
  const inside = events.filter((e) => e !== span && e.ts >= span.ts && e.ts + e.dur! <= span.ts + span.dur!);
  const own = new Map<string, number>();
  const stack: { key: string; end: number }[] = [];
  for (const e of inside) {
    while (stack.length > 0 && stack.at(-1)!.end <= e.ts) stack.pop();
    const data = e.args?.data;
    const key =
      e.name === 'FunctionCall' || e.name === 'EventDispatch' || e.name === 'TimerFire'
        ? `${e.name} ${data?.functionName ?? data?.type ?? ''} ${data?.url?.split('/').pop() ?? ''}`
        : e.name;
    const cost = e.tdur ?? e.dur!;
    own.set(key, (own.get(key) ?? 0) + cost);
    const parent = stack.at(-1);
    if (parent) own.set(parent.key, (own.get(parent.key) ?? 0) - cost);
    stack.push({ key, end: e.ts + e.dur! });
  }
  return [...own].filter(([, v]) => v > 1_000).sort((a, b) => b[1] - a[1]);
}

/** Each of the renderer's threads: CPU time in its top-level tasks. */
function threadTimes(traceEvents: TraceEvent[], pid: number, until: number): string {
  const names = new Map<number, string>();
  for (const e of traceEvents) if (e.pid === pid && e.name === 'thread_name') names.set(e.tid, e.args?.name ?? '?');
  const cpu = new Map<string, number>();
  for (const e of traceEvents) {
    if (e.pid !== pid || e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.ts > until) continue;
    const name = names.get(e.tid) ?? String(e.tid);
    cpu.set(name, (cpu.get(name) ?? 0) + (e.tdur ?? 0));
  }
  return [...cpu].map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(', ');
}

/** The numeric entries of /proc (processes), none where there is no /proc. */
const processIds = (): string[] => (existsSync('/proc') ? readdirSync('/proc').filter((d) => /^\d+$/.test(d)) : []);

/** A /proc stat file's name, parent and CPU time (ms, user + system; USER_HZ is 100 on Linux). */
function readStat(path: string): { name: string; parent: number; ms: number } {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    parent: Number(fields[1]),
    ms: (Number(fields[11]) + Number(fields[12])) * 10,
  };
}

/** Whether `pid` descends from this process, by the parents in `parents`. */
function isMine(pid: number, parents: Map<number, number>): boolean {
  for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === process.pid) return true;
  return false;
}

/**
 * CPU time (ms, user + system) of this process's descendants by kind: the core (browser mode's
 * node process), Chromium's renderer, GPU and browser processes. Linux only; taken before and
 * after a run, the difference shows who used the cores, whatever else the machine is running.
 */
export function cpuByKind(): Map<string, number> {
  const procs = new Map<number, { kind: string | null; ms: number }>();
  const parents = new Map<number, number>();
  for (const pid of processIds()) {
    try {
      const { parent, ms } = readStat(`/proc/${pid}/stat`);
      // Chromium rewrites its command line into one string, so it is searched, not split.
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const type = /--type=(\S+)/.exec(command)?.[1] ?? 'browser';
      const kind = command.includes('out/main/web.js') ? 'core' : command.includes('chrom') ? `chromium ${type}` : null;
      procs.set(Number(pid), { kind, ms });
      parents.set(Number(pid), parent);
    } catch {
      // The process ended meanwhile.
    }
  }
  const kinds = new Map<string, number>();
  for (const [pid, { kind, ms }] of procs)
    if (kind && isMine(pid, parents)) kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
  return kinds;
}

/**
 * Waits until this process's Chromium and core processes are quiet: under `underMs` of CPU in
 * `windowMs`, with none of them ending meanwhile (at most `atMostMs`). A page closed just before
 * tears its renderer down for a few hundred ms; a measure started then shares the cores with it.
 */
export async function untilQuiet(windowMs = 200, underMs = 20, atMostMs = 3_000): Promise<void> {
  const total = () => [...cpuByKind().values()].reduce((sum, ms) => sum + ms, 0);
  const end = performance.now() + atMostMs;
  let before = total();
  while (performance.now() < end) {
    await new Promise((done) => setTimeout(done, windowMs));
    const now = total();
    // Less than before: a process ended (its time left the sum), so it was still going.
    if (now >= before && now - before < underMs) return;
    before = now;
  }
}

/** `after` less `before`, as "core 420, chromium renderer 900, …". */
export function cpuUsed(before: Map<string, number>, after: Map<string, number>): string {
  return [...after]
    .map(([kind, ms]) => `${kind} ${ms - (before.get(kind) ?? 0)}`)
    .sort()
    .join(', ');
}

/**
 * CPU time (ms) of this process's Chromium renderers' threads by name (Linux). Threads Chromium
 * does not name carry the program's name ("chromium"), the main thread among them; raster and V8's
 * background compiles run in "ThreadPoolForeg…".
 */
export function rendererThreads(): Map<string, number> {
  const parents = new Map<number, number>();
  const renderers: number[] = [];
  for (const pid of processIds()) {
    try {
      parents.set(Number(pid), readStat(`/proc/${pid}/stat`).parent);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(Number(pid));
    } catch {
      // The process ended meanwhile.
    }
  }
  const threads = new Map<string, number>();
  for (const pid of renderers.filter((p) => isMine(p, parents))) {
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const { name, ms } = readStat(`/proc/${pid}/task/${tid}/stat`);
        threads.set(name, (threads.get(name) ?? 0) + ms);
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return threads;
}
