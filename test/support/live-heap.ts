// The live heap (what stays reachable after a full garbage collection), sampled while something
// runs: heapUsed alone also counts garbage V8 has not collected yet, which says little about
// whether a file is being held in memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface HeapSampler {
  /** The largest live heap seen above the one at start, in bytes. */
  stop(): number;
}

export function sampleLiveHeap(everyMs = 500): HeapSampler {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = () => {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak - baseline;
    },
  };
}
