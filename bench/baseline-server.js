// The static baseline of `npm run bench`: a bare node:http server that answers every request with
// the same bytes, held in memory (the HTML the app's home page returned once). It runs in its own
// process, like the app server, so that the load generator never shares its event loop.
//
//   node bench/baseline-server.js <body-file> <content-type>
// Listens on 127.0.0.1 on a free port and prints `BASELINE_PORT <port>` once ready.
import { readFileSync } from "node:fs";
import http from "node:http";

const [bodyFile, contentType = "text/html; charset=utf-8"] = process.argv.slice(2);
if (!bodyFile) {
  console.error("usage: node bench/baseline-server.js <body-file> [content-type]");
  process.exit(2);
}
const body = readFileSync(bodyFile);
const headers = { "Content-Type": contentType, "Content-Length": String(body.length) };

const server = http.createServer((req, res) => {
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`BASELINE_PORT ${typeof address === "object" && address ? address.port : ""}`);
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
