import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False while the server renders and during hydration, true once JavaScript runs in the browser:
 * pages render their list for everyone and add the calendar widget only when it can work.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
