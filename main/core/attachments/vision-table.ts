// Which models can see pictures: the shipped defaults until the user edits the table in Settings,
// then theirs (model-capabilities.json). A model a server refused pictures for is marked here.
import { z } from 'zod';
import { VisionTable } from '../../../common/attachment-contract';
import type { StoreFactory } from '../core-options';
import { openCheckedStore } from '../storage/open-store';

/** Known families; "*" ends a prefix. Local models are unknown unless named: they may be tried. */
export const DEFAULT_VISION: VisionTable = {
  'gpt-4o*': true,
  'chatgpt-4o*': true,
  'gpt-4.1*': true,
  'gpt-4.5*': true,
  'gpt-4-turbo*': true,
  'gpt-5*': true,
  'o1*': true,
  'o1-mini*': false,
  'o3*': true,
  'o3-mini*': false,
  'o4*': true,
  'gpt-4': false,
  'gpt-3.5*': false,
  'llava*': true,
  'llama3.2-vision*': true,
  'qwen2.5vl*': true,
  'gemma3*': true,
};

/** `table` is null until the user saves one (or a model is marked), so updates of the defaults reach them. */
const CapabilitiesFile = z.object({ vision: VisionTable.nullable() });
type CapabilitiesFile = z.output<typeof CapabilitiesFile>;

export class VisionCapabilities {
  private readonly write: (data: CapabilitiesFile) => void;
  private table: VisionTable;
  readonly notice: string | null;

  constructor(openStore: StoreFactory, dataDir: string) {
    const opened = openCheckedStore(
      openStore,
      { name: 'model-capabilities', cwd: dataDir, defaults: { vision: null }, projectVersion: '1.0.0', migrations: {} },
      CapabilitiesFile,
    );
    this.write = opened.write;
    this.notice = opened.notice;
    this.table = opened.data.vision ?? DEFAULT_VISION;
  }

  get(): VisionTable {
    return this.table;
  }

  set(table: VisionTable): VisionTable {
    this.table = { ...table };
    this.write({ vision: this.table });
    return this.table;
  }

  /** True or false when the table knows the model, null when it does not (then pictures are tried). */
  canSee(model: string): boolean | null {
    return lookUp(this.table, model);
  }

  /** The server said the model takes no pictures: remembered, so the next attempt is stopped before sending. */
  markBlind(model: string): void {
    const name = bare(model);
    if (this.table[name] === false) return;
    this.set({ ...this.table, [name]: false });
  }
}

/** The exact name first, then the longest "prefix*" it starts with; names compared without case or router prefix. */
export function lookUp(table: VisionTable, model: string): boolean | null {
  const name = bare(model);
  let best: { length: number; sees: boolean } | null = null;
  for (const [key, sees] of Object.entries(table)) {
    const pattern = bare(key);
    if (pattern === name) return sees;
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (name.startsWith(prefix) && (best === null || prefix.length > best.length))
      best = { length: prefix.length, sees };
  }
  return best?.sees ?? null;
}

function bare(model: string): string {
  // "openai/gpt-4o" (routers) and "GPT-4o" name the same model.
  return model.trim().toLowerCase().replace(/^.*\//, '');
}
