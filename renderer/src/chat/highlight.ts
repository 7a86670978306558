// Code highlighting (highlight.js, most of the Markdown code by size) is loaded the first time a
// finished code block needs it, never for an answer without code and never on the streaming path.
import { useEffect, useState } from 'react';
import type { Options } from 'react-markdown';

type PluggableList = NonNullable<Options['rehypePlugins']>;

let plugins: PluggableList | null = null;
let loading: Promise<PluggableList> | null = null;

function load(): Promise<PluggableList> {
  loading ??= import('rehype-highlight').then((module) => (plugins = [module.default]));
  return loading;
}

const none: PluggableList = [];

/** The rehype plugins for a block: highlighting once it is loaded and `wanted`, else none. */
export function useHighlight(wanted: boolean): PluggableList {
  const [ready, setReady] = useState(plugins);
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    void load().then((loaded) => live && setReady(loaded));
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  return wanted && ready ? ready : none;
}
