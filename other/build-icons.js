// Regenerates the bitmap icons of public/ from public/favicon.svg (the one drawing of Amont's mark:
// a mountain line over a stream, in the stylesheet's primary colour). Run it after changing the
// SVG and commit the results: `node other/build-icons.js`. Needs rsvg-convert (Debian package
// librsvg2-bin); the server and the build never run it.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
const svg = readFileSync(path.join(publicDir, "favicon.svg"), "utf8");

function replaceOnce(source, search, replacement) {
  if (!source.includes(search)) throw new Error(`favicon.svg changed shape: "${search}" not found`);
  return source.replace(search, replacement);
}

// Home screens cut their own rounded shape: those icons fill the whole square. A maskable icon may
// be cropped to a circle, so its mark shrinks into the central safe zone (80 % of the width).
const fullBleed = replaceOnce(svg, ' rx="14"', "");
const maskable = replaceOnce(
  fullBleed,
  '<g fill="none"',
  '<g transform="translate(32 32) scale(0.8) translate(-32 -32)" fill="none"',
);

function png(source, size) {
  const result = spawnSync("rsvg-convert", ["--width", String(size), "--height", String(size)], {
    input: source,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw new Error(`rsvg-convert is missing (apt-get install librsvg2-bin): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`rsvg-convert failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** An .ico that holds PNG images (read by every current browser), one per size. */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.data)]);
}

const outputs = {
  "favicon.ico": ico([16, 32, 48].map((size) => ({ size, data: png(svg, size) }))),
  "apple-touch-icon.png": png(fullBleed, 180),
  "icon-192.png": png(svg, 192),
  "icon-512.png": png(svg, 512),
  "icon-maskable-512.png": png(maskable, 512),
};
for (const [name, data] of Object.entries(outputs)) {
  writeFileSync(path.join(publicDir, name), data);
  console.log(`public/${name}: ${data.length} bytes`);
}
