// The Chat screen as a person finds it: the conversation log, the composer, and sending from it.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';

export const log = () => screen.getByRole('log', { name: 'Conversation' });
export const composer = () => screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' });

/** Types `text` into the composer, presses Send, and waits until the message shows in the log. */
export async function send(text: string) {
  fireEvent.change(composer(), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await waitFor(() => expect(within(log()).queryByText(text)).not.toBeNull());
}
