// Attaching files in the Chat screen, against the real core and the fake OpenAI server: the
// Attach button, paste and drop add chips (name, size, Remove), the picture reaches the server as
// an image part and shows with the message; refusals come as alerts and keep what was typed.
import { randomBytes } from 'node:crypto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { startAide, type RealAide } from '../support/renderer-core';
import { makePdf, makePng } from '../support/sample-files';
import { composer, log } from './chat-screen';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openChat() {
  const app = await startAide();
  const view = renderApp(app.aide);
  await screen.findByText('No conversations yet.');
  return { app, view };
}

const fileOf = (bytes: Buffer, name: string, type: string) => new File([new Uint8Array(bytes)], name, { type });

/** The composer's own file chooser (the one `Attach` opens), not the sidebar's import. */
function pick(_container: HTMLElement, ...files: File[]) {
  const composer = screen.getByRole('textbox', { name: 'Message' }).closest('form')!;
  const input = composer.querySelector<HTMLInputElement>('input[type="file"]')!;
  fireEvent.change(input, { target: { files } });
}

const chips = () => screen.getByRole('list', { name: 'Attachments' });

/** The parts of the user message in the server's last request. */
function sentParts(app: RealAide) {
  const body = app.server.requests.at(-1)!.body as { messages: { role: string; content: unknown }[] };
  return body.messages.filter((m) => m.role === 'user').at(-1)!.content as {
    type: string;
    image_url?: { url: string };
  }[];
}

describe('attachments in the composer', () => {
  it('sends a picture chosen with Attach to the model and shows it with the message', async () => {
    const { app, view } = await openChat();
    expect(screen.getByRole('button', { name: 'Attach' })).toBeTruthy();
    const png = await makePng(640, 480);
    pick(view.container, fileOf(png, 'whiteboard.png', 'image/png'));

    const chip = await within(chips()).findByText('whiteboard.png');
    expect(chip.parentElement!.textContent).toContain(`${Math.round(png.length / 1024)} KB`);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());

    fireEvent.change(composer(), { target: { value: 'What does the whiteboard say?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await within(log()).findByRole('img', { name: 'whiteboard.png' });
    await app.harness.waitFor('chatDone');

    expect(sentParts(app).map((p) => p.type)).toEqual(['text', 'image_url']);
    expect(sentParts(app)[1]!.image_url!.url).toMatch(/^data:image\/png;base64,/);
    await waitFor(() =>
      expect(within(log()).getByRole('img', { name: 'whiteboard.png' }).getAttribute('src')).toMatch(
        /^data:image\/webp;base64,/,
      ),
    );
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
    expect(composer().value).toBe('');
  });

  it('drops a removed attachment, and takes pasted pictures and dropped files', async () => {
    const { app } = await openChat();
    const png = await makePng(32, 32);
    fireEvent.paste(composer(), {
      clipboardData: { files: [fileOf(png, 'image.png', 'image/png')], getData: () => '' },
    });
    fireEvent.drop(screen.getByRole('region', { name: 'Chat' }), {
      dataTransfer: {
        files: [fileOf(makePdf([['Agenda: budget']]), 'agenda.pdf', 'application/pdf')],
        types: ['Files'],
      },
    });
    await within(chips()).findByText('image.png');
    await within(chips()).findByText('agenda.pdf');
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Remove image.png' }));
    expect(within(chips()).queryByText('image.png')).toBeNull();
    fireEvent.change(composer(), { target: { value: 'Summarise the agenda' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await app.harness.waitFor('chatDone');

    const parts = sentParts(app) as { type: string; text?: string }[];
    expect(parts.map((p) => p.type)).toEqual(['text', 'text']);
    expect(parts[1]!.text).toContain('Agenda: budget');
    expect(within(log()).getByText('agenda.pdf')).toBeTruthy();
  });

  it('says in an alert why a file was refused, keeping the text', async () => {
    const { view } = await openChat();
    fireEvent.change(composer(), { target: { value: 'Look at this' } });
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(500)]);
    pick(view.container, fileOf(zip, 'slides.pptx', 'application/vnd.ms-powerpoint'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Aide can read pictures (PNG, JPEG, WebP, GIF), PDFs and text files; “slides.pptx” is none of these.',
    );
    expect(screen.queryByRole('list', { name: 'Attachments' })).toBeNull();
    expect(composer().value).toBe('Look at this');
  });

  it('tells before sending that the model cannot see pictures, keeping the text and the picture', async () => {
    const { app, view } = await openChat();
    await app.other.updateSettings({ model: 'gpt-3.5-turbo' });
    pick(view.container, fileOf(await makePng(40, 40), 'receipt.png', 'image/png'));
    await within(chips()).findByText('receipt.png');
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    const requests = app.server.requests.length;

    fireEvent.change(composer(), { target: { value: 'How much did I pay?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'The model “gpt-3.5-turbo” cannot see pictures, so “receipt.png” was not sent.',
    );
    expect(composer().value).toBe('How much did I pay?');
    expect(within(chips()).getByText('receipt.png')).toBeTruthy();
    expect(app.server.requests.length).toBe(requests);
  });
});
