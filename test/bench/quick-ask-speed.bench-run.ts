// Quick-ask speed in browser mode (built app, Debian Chromium), printed, never asserted:
// the popup page from navigation to first paint and to a focused Ask box, and Enter → reminder
// stored (the renderer's own `aide:quick-add-enter-to-stored` measure) over repeated entries.
import { it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../common/ws-protocol';
import { launchBrowser } from '../support/browser';
import { startWebApp } from '../support/web-app';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

it('quick ask: show to paint, Enter to stored', async () => {
  const app = await startWebApp({ OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' });
  const browser = await launchBrowser();
  try {
    const paints: number[] = [];
    const focused: number[] = [];
    const page = await browser.newPage();
    for (let i = 0; i < 7; i++) {
      await page.goto(`${app.url}&view=quick-ask`);
      await page.getByRole('textbox', { name: 'Ask' }).waitFor();
      await page.waitForFunction(() => document.activeElement?.tagName === 'TEXTAREA' || document.activeElement?.tagName === 'INPUT');
      const timing = await page.evaluate(() => ({
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        focused: performance.now(),
      }));
      paints.push(timing.paint);
      focused.push(timing.focused);
    }
    // "Show": the same operation the tray and shortcut use, sent over browser mode's WebSocket;
    // the page measures from the server's shownAt to its second animation frame after it.
    const url = new URL(app.url);
    const ws = new WebSocket(`ws://${url.host}${WS_PATH}?token=${url.searchParams.get('token')}`, {
      headers: { Origin: `http://${url.host}` },
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const showToPaint: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => performance.clearMeasures('aide:quick-ask-show-to-paint'));
      ws.send(JSON.stringify({ type: 'call', id: i, op: 'showQuickAsk' }));
      await page.waitForFunction(() => performance.getEntriesByName('aide:quick-ask-show-to-paint').length > 0);
      showToPaint.push(await page.evaluate(() => performance.getEntriesByName('aide:quick-ask-show-to-paint')[0]!.duration));
    }
    ws.close();
    const stored: number[] = [];
    const ask = page.getByRole('textbox', { name: 'Ask' });
    const chores = ['water the plants', 'call mom', 'stretch', 'take out the bins', 'pay rent'];
    for (let i = 0; i < 25; i++) {
      await page.evaluate(() => performance.clearMeasures('aide:quick-add-enter-to-stored'));
      await ask.fill(`remind me to ${chores[i % chores.length]} in ${i + 5} minutes`);
      await ask.press('Enter');
      await page.waitForFunction(() => performance.getEntriesByName('aide:quick-add-enter-to-stored').length > 0);
      stored.push(
        await page.evaluate(() => {
          const entries = performance.getEntriesByName('aide:quick-add-enter-to-stored');
          return entries[entries.length - 1]!.duration;
        }),
      );
    }
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    console.log(`quick-ask page: first paint median ${ms(percentile(paints, 50))}, Ask focused median ${ms(percentile(focused, 50))} (from navigation, ${paints.length} loads)`);
    console.log(`quick-ask show (IPC) → painted: median ${ms(percentile(showToPaint, 50))}, p99 ${ms(percentile(showToPaint, 99))} (${showToPaint.length} shows)`);
    console.log(`quick-add Enter → stored: first ${ms(stored[0]!)}, median ${ms(percentile(stored.slice(1), 50))}, p99 ${ms(percentile(stored.slice(1), 99))} (${stored.length} entries)`);
  } finally {
    await browser.close();
    await app.stop();
  }
});
