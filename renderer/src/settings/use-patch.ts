// Saving part of the settings from one form: busy while it goes, then a "saved" line or the error.
import type { Request, Settings } from '../../../common/contract';
import { useAide } from '../aide-context';
import { useActionStatus, type ActionStatus } from '../use-action-status';

export interface Patch extends ActionStatus {
  save(patch: Request<'updateSettings'>, saved: string): Promise<void>;
}

export function usePatch(onChange: (settings: Settings) => void): Patch {
  const api = useAide();
  const status = useActionStatus();
  const save = (patch: Request<'updateSettings'>, saved: string) =>
    status.run(async () => {
      onChange(await api.updateSettings(patch));
      return saved;
    });
  return { ...status, save };
}
