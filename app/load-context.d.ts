import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's IP address as seen by the server (see TRUST_PROXY). */
    clientIp: string;
  }
}

declare module "@remix-run/server-runtime" {
  interface Future {
    // Type inference for single-fetch loaders/actions (data(), raw objects).
    v3_singleFetch: true;
  }
}
