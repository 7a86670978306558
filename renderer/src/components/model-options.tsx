// The models the server offers, as suggestions for a model field (`<input list>`): the field still
// takes any name, and where the server lists none it simply suggests nothing.
import { useEffect, useState } from 'react';
import { useAide } from '../aide-context';

/** The server's models, fetched once; none when it cannot list them. */
export function useModelSuggestions(): string[] {
  const api = useAide();
  const [models, setModels] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    api.listModels().then(
      (result) => live && result.ok && setModels(result.models),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return models;
}

export function ModelOptions({ id, models }: { id: string; models: string[] }) {
  return (
    <datalist id={id}>
      {models.map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}
