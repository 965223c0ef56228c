// The Content-Security-Policy nonce of the page being rendered on the server (entry.server.tsx
// provides it), for Remix's inline scripts in root.tsx. In the browser it is undefined: the scripts
// are already in the page, and the browser hides nonces from the DOM anyway.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
