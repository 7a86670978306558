// End to end in browser mode: a photo attached in Chromium travels in chunks over the WebSocket,
// reaches the local OpenAI-compatible server as an image part (scaled, without its EXIF), and is
// still shown with its message after the page is reloaded; a picture may also go without any text.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveKeyInSettings, useE2ESession } from '../support/e2e-session';
import type { FakeOpenAIServer } from '../support/fake-openai-server';
import { makeJpegWithExif } from '../support/sample-files';

const session = useE2ESession();
let page: Page;
let server: FakeOpenAIServer;
beforeEach(() => {
  ({ page, server } = session);
});

const conversation = () => page.getByRole('log', { name: 'Conversation' });

describe('attachments in browser mode', () => {
  it('sends an attached photo to the model as an image part and shows it again after a reload', async () => {
    await saveKeyInSettings(page);
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    // 3 MB of photo: six chunks over the WebSocket, whose frames stop at 1 MiB.
    const photo = await makeJpegWithExif(3000, 2000);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach' }).click();
    await (await chooser).setFiles({ name: 'balcony.jpg', mimeType: 'image/jpeg', buffer: photo });
    const chips = page.getByRole('list', { name: 'Attachments' });
    await expect.poll(() => chips.getByText('balcony.jpg').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled(), { timeout: 20_000 }).toBe(true);

    await page.getByRole('textbox', { name: 'Message' }).fill('Which plants are these?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => conversation().getByText('Hello from the fake server.').count(), { timeout: 15_000 })
      .toBe(1);

    const chat = server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const messages = (chat.body as { messages: { role: string; content: unknown }[] }).messages;
    const parts = messages.at(-1)!.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts[0]).toEqual({ type: 'text', text: 'Which plants are these?' });
    expect(parts[1]!.type).toBe('image_url');
    const url = parts[1]!.image_url!.url;
    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    const received = await sharp(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64')).metadata();
    expect([received.width, received.height, received.exif]).toEqual([1152, 768, undefined]);

    const shown = () => conversation().getByRole('img', { name: 'balcony.jpg' });
    await expect.poll(() => shown().getAttribute('src')).toMatch(/^data:image\/webp;base64,/);
    await page.reload();
    await expect.poll(() => conversation().getByText('Which plants are these?').count()).toBe(1);
    await expect.poll(() => shown().getAttribute('src')).toMatch(/^data:image\/webp;base64,/);
    expect(await shown().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  });

  it('sends a picture with no text as the image part alone; an empty message is not sent', async () => {
    await saveKeyInSettings(page);
    await page.getByRole('button', { name: 'Chat', exact: true }).click();
    const chats = () => server.requests.filter((r) => r.path === '/v1/chat/completions');
    await page.getByRole('textbox', { name: 'Message' }).fill('   ');
    await page.getByRole('button', { name: 'Send' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Attach' }).click();
    await (
      await chooser
    ).setFiles({ name: 'window.jpg', mimeType: 'image/jpeg', buffer: await makeJpegWithExif(400, 300) });
    await expect.poll(() => page.getByRole('button', { name: 'Send' }).isEnabled(), { timeout: 20_000 }).toBe(true);
    // The blank message sent before the picture was there went nowhere.
    expect(chats()).toHaveLength(0);

    await page.getByRole('textbox', { name: 'Message' }).fill('');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => conversation().getByText('Hello from the fake server.').count(), { timeout: 15_000 })
      .toBe(1);
    expect(chats()).toHaveLength(1);
    const messages = (chats()[0]!.body as { messages: { role: string; content: unknown }[] }).messages;
    const parts = messages.at(-1)!.content as { type: string; image_url?: { url: string } }[];
    expect(parts.map((part) => part.type)).toEqual(['image_url']);
    expect(parts[0]!.image_url!.url.startsWith('data:image/jpeg;base64,')).toBe(true);
    await expect.poll(() => conversation().getByRole('img', { name: 'window.jpg' }).count()).toBe(1);
  });
});
