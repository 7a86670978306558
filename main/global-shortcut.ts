// The one global shortcut that opens the quick-ask popup: registers it, swaps it when the
// setting changes, and turns a refusal into a sentence the Settings page can show.

export interface GlobalShortcutLike {
  /** False when another app holds the accelerator or the desktop refuses (Wayland); throws when invalid. */
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  unregisterAll(): void;
}

export interface QuickAskShortcut {
  /** Registers `accelerator` in place of the current one; returns why it failed, or null. */
  apply(accelerator: string): string | null;
  unregisterAll(): void;
}

export function createQuickAskShortcut(options: {
  globalShortcut: GlobalShortcutLike;
  platform: NodeJS.Platform;
  onPress: () => void;
}): QuickAskShortcut {
  const { globalShortcut, platform } = options;
  let registered: string | null = null;

  return {
    apply(accelerator) {
      // Registering the one we hold again would fail as "taken" (by ourselves).
      if (accelerator === registered) return null;
      if (registered !== null) globalShortcut.unregister(registered);
      registered = null;
      const shown = displayAccelerator(accelerator, platform);
      let ok: boolean;
      try {
        ok = globalShortcut.register(accelerator, options.onPress);
      } catch {
        return `The shortcut ${shown} is not a key combination Aide understands. Use modifiers and one key joined by "+", e.g. CommandOrControl+Shift+Space.`;
      }
      if (!ok) return refusal(shown, platform);
      registered = accelerator;
      return null;
    },
    unregisterAll() {
      globalShortcut.unregisterAll();
      registered = null;
    },
  };
}

function refusal(shown: string, platform: NodeJS.Platform): string {
  const start = `The shortcut ${shown} could not be registered: another app may use it`;
  if (platform === 'linux') {
    return `${start}, or your desktop does not allow global shortcuts (on Wayland, bind a system shortcut to "aide --quick-ask" instead).`;
  }
  return `${start}. Choose another one in Settings.`;
}

/** The accelerator as this platform's keyboard labels it: CommandOrControl is Cmd on a Mac, Ctrl elsewhere. */
export function displayAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const mac = platform === 'darwin';
  const names: Record<string, string> = {
    commandorcontrol: mac ? 'Cmd' : 'Ctrl',
    cmdorctrl: mac ? 'Cmd' : 'Ctrl',
    command: 'Cmd',
    cmd: 'Cmd',
    control: 'Ctrl',
    ctrl: 'Ctrl',
    alt: 'Alt',
    option: 'Option',
    altgr: 'AltGr',
    shift: 'Shift',
    super: mac ? 'Cmd' : 'Super',
    meta: mac ? 'Cmd' : 'Super',
  };
  return accelerator
    .split('+')
    .map((key) => names[key.toLowerCase()] ?? key)
    .join('+');
}
