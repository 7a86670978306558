import { describe, expect, it, vi } from 'vitest';
import { createQuickAskShortcut, displayAccelerator } from '../../main/global-shortcut';
import { FakeGlobalShortcut } from './electron-fakes';

const standard = 'CommandOrControl+Shift+Space';

function setUp(platform: NodeJS.Platform = 'linux') {
  const globalShortcut = new FakeGlobalShortcut();
  const onPress = vi.fn();
  return { globalShortcut, onPress, shortcut: createQuickAskShortcut({ globalShortcut, platform, onPress }) };
}

describe('quick-ask global shortcut', () => {
  it('registers the accelerator and calls back when it is pressed', () => {
    const { globalShortcut, onPress, shortcut } = setUp();
    expect(shortcut.apply(standard)).toBeNull();
    globalShortcut.press(standard);
    expect(onPress).toHaveBeenCalledTimes(1);
  });

  it('explains a refusal, with the Wayland way out on Linux', () => {
    const { globalShortcut, shortcut } = setUp('linux');
    globalShortcut.taken.add(standard);
    expect(shortcut.apply(standard)).toBe(
      'The shortcut Ctrl+Shift+Space could not be registered: another app may use it, or your desktop does not allow global shortcuts (on Wayland, bind a system shortcut to "aide --quick-ask" instead).',
    );
  });

  it("names the keys as a Mac's keyboard does", () => {
    const { globalShortcut, shortcut } = setUp('darwin');
    globalShortcut.taken.add(standard);
    expect(shortcut.apply(standard)).toBe(
      'The shortcut Cmd+Shift+Space could not be registered: another app may use it. Choose another one in Settings.',
    );
  });

  it('turns an accelerator Electron cannot parse into a problem, not a crash', () => {
    const { shortcut } = setUp();
    expect(shortcut.apply('Ctrl+Bogus')).toMatch(
      /^The shortcut Ctrl\+Bogus is not a key combination Aide understands\./,
    );
  });

  it('unregisters the old accelerator before registering the new one', () => {
    const { globalShortcut, onPress, shortcut } = setUp();
    shortcut.apply(standard);
    expect(shortcut.apply('Alt+Space')).toBeNull();
    expect(globalShortcut.calls).toEqual([`register ${standard}`, `unregister ${standard}`, 'register Alt+Space']);
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+Space']);
    globalShortcut.press('Alt+Space');
    expect(onPress).toHaveBeenCalledTimes(1);
  });

  it('leaves the one it holds alone when the setting did not change, and retries one that failed', () => {
    const { globalShortcut, shortcut } = setUp();
    shortcut.apply(standard);
    expect(shortcut.apply(standard)).toBeNull();
    expect(globalShortcut.calls).toEqual([`register ${standard}`]);

    globalShortcut.taken.add('Alt+Space');
    expect(shortcut.apply('Alt+Space')).not.toBeNull();
    globalShortcut.taken.clear();
    expect(shortcut.apply('Alt+Space')).toBeNull();
  });

  it('unregisters everything on quit', () => {
    const { globalShortcut, shortcut } = setUp();
    shortcut.apply(standard);
    shortcut.unregisterAll();
    expect(globalShortcut.registered.size).toBe(0);
    expect(shortcut.apply(standard)).toBeNull();
  });
});

describe('displayAccelerator', () => {
  it('spells modifiers per platform', () => {
    expect(displayAccelerator('CmdOrCtrl+Alt+K', 'win32')).toBe('Ctrl+Alt+K');
    expect(displayAccelerator('CmdOrCtrl+Alt+K', 'darwin')).toBe('Cmd+Alt+K');
    expect(displayAccelerator('Super+Space', 'linux')).toBe('Super+Space');
  });
});
