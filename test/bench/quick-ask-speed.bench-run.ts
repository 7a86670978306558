// Quick-ask speed in browser mode (built app, Debian Chromium), printed, never asserted:
// the popup page from navigation to first paint and to a focused Ask box, and Enter → reminder
// stored (the renderer's own `aide:quick-add-enter-to-stored` measure) over repeated entries.
import { it } from 'vitest';
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
    console.log(`quick-add Enter → stored: first ${ms(stored[0]!)}, median ${ms(percentile(stored.slice(1), 50))}, p99 ${ms(percentile(stored.slice(1), 99))} (${stored.length} entries)`);
  } finally {
    await browser.close();
    await app.stop();
  }
});
