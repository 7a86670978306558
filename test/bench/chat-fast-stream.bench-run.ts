// A long Markdown answer in Chromium against browser mode (built app, real core, fake OpenAI
// server), each run next to the raw openai SDK reading the same stream in the same run:
// - sent as fast as the server can (a fast provider, a cached answer): 1,000 paragraphs;
// - paced like a real model (a chunk every few ms): the time the screen adds is what counts.
// Request → last paragraph on screen, and the longest main-thread task. Prints and records rows.
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import {
  DEFAULT_API_KEY,
  splitIntoChunks,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../support/fake-openai-server';
import { startWebApp, type WebApp } from '../support/web-app';
import { cpuByKind, cpuUsed, reportProfile, reportTrace, startProfile, startTrace } from './page-profile';
import { median, recordRows, type BenchRow } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARM_UP = 1;
const END = 'That is the last paragraph of the benchmark answer.';

let browser: Browser;
let server: FakeOpenAIServer;
let app: WebApp;
let page: Page;
const rows: BenchRow[] = [];

// A browser and the app starting on a loaded machine can take longer than Vitest's 10 s default.
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startFakeOpenAIServer();
  app = await startWebApp({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: DEFAULT_API_KEY }, { checkResponses: false });
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  if (process.env.BENCH_DEBUG) {
    page.on('console', (m) => console.log(`PAGE ${m.text()}`));
    // Notes when the last streamed text reaches the page: the core and WebSocket's share.
    await page.addInitScript(() => {
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          this.addEventListener('message', (event: MessageEvent) => {
            const w = window as unknown as { __lastDeltaAt?: number; __deltas?: number };
            if (!String(event.data).includes('"chatDelta"')) return;
            w.__lastDeltaAt = performance.timeOrigin + performance.now();
            w.__deltas = (w.__deltas ?? 0) + 1;
          });
        }
      };
    });
  }
  await page.goto(app.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/markdown-')));
}, 120_000);

afterAll(async () => {
  recordRows('chat-fast-stream', rows);
  await browser.close();
  await app.stop();
  await server.close();
});

/** `count` paragraphs of plain prose with a little inline Markdown, about 77 characters each. */
function paragraphs(count: number): string {
  const words = 'the plan keeps every reminder in one place so nothing slips while the week gets busy'.split(' ');
  const body = Array.from({ length: count - 1 }, (_, n) => {
    const line = Array.from({ length: 10 }, (_, i) => words[(n + i) % words.length]).join(' ');
    return `Paragraph ${n + 1}: **${line.split(' ')[0]}** ${line}.`;
  });
  return [...body, END].join('\n\n');
}

/** The raw SDK reading one stream: request arrived at the server → last chunk read (epoch ms). */
async function sdkOnce(sdk: OpenAI, reply: { kind: 'stream'; chunks: string[]; delayMs?: number }): Promise<number> {
  server.enqueue(reply);
  const before = server.requests.length;
  const stream = await sdk.chat.completions.create({
    model: 'gpt-4o-mini',
    stream: true,
    messages: [{ role: 'user', content: 'plan' }],
  });
  for await (const chunk of stream) void chunk;
  return performance.timeOrigin + performance.now() - server.requests[before]!.time;
}

/** The app: request arrived at the server → the last paragraph on screen, and the longest task. */
async function appOnce(
  reply: { kind: 'stream'; chunks: string[]; delayMs?: number },
  run: number,
): Promise<{ total: number; longest: number }> {
  await page.getByRole('button', { name: 'New chat' }).click();
  server.enqueue(reply);
  await page.evaluate(
    ({ end, debug }) => {
      const marks = { tasks: [] as number[] } as { last?: number; tasks: number[] };
      (window as unknown as { __marks: typeof marks }).__marks = marks;
      const tasks = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) marks.tasks.push(entry.duration);
      });
      tasks.observe({ type: 'longtask' });
      // BENCH_DEBUG: what each long frame ran (printing it costs the page time, so only then).
      const frames = new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as {
          duration: number;
          renderStart: number;
          styleAndLayoutStart: number;
          startTime: number;
          scripts: { invoker: string; duration: number; forcedStyleAndLayoutDuration: number }[];
        }[])
          if (e.duration > 50)
            console.log(
              `LOAF ${e.duration.toFixed(0)} render@${(e.renderStart - e.startTime).toFixed(0)} layout@${(e.styleAndLayoutStart - e.startTime).toFixed(0)}: ` +
                e.scripts
                  .map(
                    (x) =>
                      `${x.invoker} ${x.duration.toFixed(0)} (forced ${x.forcedStyleAndLayoutDuration.toFixed(0)})`,
                  )
                  .join(' ; '),
            );
      });
      if (debug) frames.observe({ type: 'long-animation-frame' });
      const log = document.querySelector('[role=log]')!;
      const answers = log.getElementsByClassName('assistant');
      const observer = new MutationObserver(() => {
        // The answer's last paragraph, not its whole text: reading 77 kB each frame costs the page.
        const paragraphs = answers[answers.length - 1]?.querySelectorAll('p');
        if (!paragraphs?.[paragraphs.length - 1]?.textContent?.includes(end)) return;
        // Painted: the next frame starts after this one's paint.
        const seen = performance.timeOrigin + performance.now();
        requestAnimationFrame(() => {
          marks.last = seen;
          tasks.disconnect();
          frames.disconnect();
        });
        observer.disconnect();
      });
      observer.observe(log, { childList: true, subtree: true, characterData: true });
    },
    { end: END, debug: Boolean(process.env.BENCH_DEBUG) },
  );
  const before = server.requests.length;
  await page.getByRole('textbox', { name: 'Message' }).fill(`Paragraphs, run ${run}`);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForFunction(
    () => (window as unknown as { __marks: { last?: number } }).__marks.last !== undefined,
    undefined,
    { timeout: 120_000, polling: 50 },
  );
  await page.getByRole('button', { name: 'Send' }).waitFor({ timeout: 120_000 });
  const marks = await page.evaluate(
    () => (window as unknown as { __marks: { last: number; tasks: number[] } }).__marks,
  );
  const request = server.requests.slice(before).find((r) => r.path === '/v1/chat/completions');
  if (!request) throw new Error('the server saw no streamed request');
  if (process.env.BENCH_DEBUG) {
    const { at, deltas } = await page.evaluate(() => {
      const w = window as unknown as { __lastDeltaAt: number; __deltas: number };
      return { at: w.__lastDeltaAt, deltas: w.__deltas };
    });
    console.log(
      `run ${run}: last delta in page at ${(at - request.time).toFixed(0)} ms (${deltas} so far), ` +
        `tasks ${marks.tasks.map((t) => t.toFixed(0)).join(' ')}`,
    );
  }
  return { total: marks.last - request.time, longest: Math.max(0, ...marks.tasks) };
}

async function measure(bench: string, reply: { kind: 'stream'; chunks: string[]; delayMs?: number }, aim: number) {
  const sdk = new OpenAI({ apiKey: DEFAULT_API_KEY, baseURL: server.url, maxRetries: 0 });
  const raw: number[] = [];
  const shown: number[] = [];
  const longest: number[] = [];
  for (let run = 0; run < RUNS + WARM_UP; run++) {
    const sdkTime = await sdkOnce(sdk, reply);
    const cdp = process.env.BENCH_PROFILE ? await startProfile(page) : null;
    if (process.env.BENCH_TRACE) await startTrace(page);
    const cpuBefore = cpuByKind();
    const appRun = await appOnce(reply, run);
    if (process.env.BENCH_DEBUG) console.log(`run ${run}: CPU ms ${cpuUsed(cpuBefore, cpuByKind())}`);
    // The profile's spans: the trace's long tasks, or the whole run (BENCH_PROFILE=whole).
    const long = process.env.BENCH_TRACE ? await reportTrace(page) : [];
    if (cdp) await reportProfile(cdp, process.env.BENCH_PROFILE === 'whole' ? [{ ts: 0, dur: Infinity }] : long);
    if (run < WARM_UP) continue;
    raw.push(sdkTime);
    shown.push(appRun.total);
    longest.push(appRun.longest);
  }
  if (process.env.BENCH_DEBUG) console.log(bench, { raw, shown, longest });
  const value = median(shown);
  const baseline = median(raw);
  rows.push(
    {
      bench,
      metric: 'request → last paragraph on screen',
      unit: 'ms',
      value,
      baseline,
      baselineLabel: 'raw openai SDK reading the same stream',
      aim: `ratio ≤ ${aim}`,
      met: value / baseline <= aim,
      runs: RUNS,
    },
    {
      bench,
      metric: 'longest task (0: none over 50 ms)',
      unit: 'ms',
      value: median(longest),
      baseline: null,
      aim: 'no task over 50 ms',
      met: median(longest) <= 50,
      runs: RUNS,
    },
  );
}

it('shows a 1,000-paragraph answer sent as fast as the server can', async () => {
  const answer = paragraphs(1_000);
  await measure(
    `A ${answer.length.toLocaleString('en')}-character, 1,000-paragraph answer, unpaced`,
    { kind: 'stream', chunks: splitIntoChunks(answer) },
    2,
  );
});

it('keeps up with an answer paced like a real model', async () => {
  const answer = paragraphs(100);
  await measure(
    'A 100-paragraph answer, a chunk every 3 ms (~300 tokens/s)',
    { kind: 'stream', chunks: splitIntoChunks(answer), delayMs: 3 },
    1.2,
  );
});
