import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * One full garbage collection, for a thread that has just finished loading and has no other work
 * yet: what loading left behind (parsed data, buffers outgrown) is freed now rather than held until
 * traffic happens to trigger a collection. Without --expose-gc at start-up, the flag is set for a
 * fresh context, which then holds the collector.
 */
export function collectGarbageOnce(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
