// Settings' Model capabilities, against the real core: the shipped table shows, edits are saved,
// and a model a server refused pictures for appears switched off.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../renderer/src/connection';
import { startAide } from '../support/renderer-core';
import { renderApp } from './render-app';

afterEach(cleanup);

const section = () => screen.getByRole('region', { name: 'Model capabilities' });

describe('Model capabilities', () => {
  it('shows which models see pictures and saves a local model the user adds', async () => {
    const app = await startAide();
    renderApp(app.aide, alwaysOpen);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('region', { name: 'Model capabilities' });

    const gpt35 = await within(section()).findByRole<HTMLInputElement>('checkbox', { name: 'gpt-3.5* sees pictures' });
    expect(gpt35.checked).toBe(false);
    expect(within(section()).getByRole<HTMLInputElement>('checkbox', { name: 'gpt-4o* sees pictures' }).checked).toBe(
      true,
    );

    fireEvent.click(within(section()).getByRole('button', { name: 'Add another model' }));
    const rows = within(section()).getAllByRole<HTMLInputElement>('textbox');
    fireEvent.change(rows.at(-1)!, { target: { value: 'qwen2-vl:7b' } });
    fireEvent.click(within(section()).getByRole('button', { name: 'Remove gpt-3.5* from capabilities' }));
    fireEvent.click(within(section()).getByRole('button', { name: 'Save capabilities' }));

    expect((await within(section()).findByRole('status')).textContent).toBe('Model capabilities saved.');
    const saved = await app.other.getVisionTable();
    expect(saved['qwen2-vl:7b']).toBe(true);
    expect('gpt-3.5*' in saved).toBe(false);
    expect(saved['gpt-4o*']).toBe(true);
  });

  it('lists a model the server refused pictures for as not seeing them', async () => {
    const app = await startAide();
    await app.other.setVisionTable({ 'my-local-model': false });
    renderApp(app.aide, alwaysOpen);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('region', { name: 'Model capabilities' });
    await waitFor(() =>
      expect(
        within(section()).getByRole<HTMLInputElement>('checkbox', { name: 'my-local-model sees pictures' }).checked,
      ).toBe(false),
    );
  });
});
