// No import cycles among the application's modules (app/ and emails/). A cycle makes the load
// order decide which export is still undefined, and it blurs which module owns what: when two
// modules need the same piece, it moves into a third one that both import. Type-only imports
// count too, since they tie the modules just as much for a reader.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRECTORIES = ["app", "emails"];
const ALIASES: Record<string, string> = { "~/": "app/", "#emails/": "emails/" };
/** Generated code (the Prisma client) imports nothing of ours. */
const LEAVES = ["app/generated/"];
const EXTENSIONS = ["", ".ts", ".tsx", ".js", ".jsx", "/index.ts", "/index.tsx"];

function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(ROOT, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${directory}/${entry.name}`;
    if (entry.isDirectory()) return LEAVES.includes(`${relative}/`) ? [] : sourceFiles(relative);
    return /\.(ts|tsx|js|jsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** The repository-relative file an import specifier names, null for a package, undefined if nothing matches. */
function resolveSpecifier(from: string, specifier: string): string | null | undefined {
  const alias = Object.keys(ALIASES).find((prefix) => specifier.startsWith(prefix));
  let base: string;
  if (alias) base = ALIASES[alias]! + specifier.slice(alias.length);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null;
  if (LEAVES.some((leaf) => base.startsWith(leaf))) return null;
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    const absolute = path.join(ROOT, candidate);
    if (existsSync(absolute) && statSync(absolute).isFile()) return candidate;
  }
  return undefined;
}

interface ImportGraph {
  edges: Map<string, Set<string>>;
  unresolved: string[];
}

function importGraph(): ImportGraph {
  const files = SOURCE_DIRECTORIES.flatMap(sourceFiles);
  const edges = new Map<string, Set<string>>();
  const unresolved: string[] = [];
  for (const file of files) {
    // preProcessFile lists every specifier: imports (type-only too), re-exports, import() and require().
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const targets = new Set<string>();
    for (const { fileName: specifier } of importedFiles) {
      const target = resolveSpecifier(file, specifier);
      if (target === undefined) unresolved.push(`${file} imports "${specifier}"`);
      else if (target !== null) targets.add(target);
    }
    edges.set(file, targets);
  }
  return { edges, unresolved };
}

/** Each cycle once, as the list of modules it goes through (strongly connected components, Tarjan). */
function findCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    lowLink.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of edges.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(target)!));
      } else if (onStack.has(target)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(target)!));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.sort());
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("module imports", () => {
  it("finds a cycle when there is one (the check itself works)", () => {
    const graph = new Map([
      ["a.ts", new Set(["b.ts"])],
      ["b.ts", new Set(["c.ts"])],
      ["c.ts", new Set(["a.ts"])],
      ["d.ts", new Set(["a.ts", "d.ts"])],
      ["e.ts", new Set(["a.ts"])],
    ]);
    expect(findCycles(graph)).toEqual([["a.ts", "b.ts", "c.ts"], ["d.ts"]]);
  });

  it("every local import names an existing module", () => {
    const { edges, unresolved } = importGraph();
    expect(edges.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it("app/ and emails/ have no import cycle", () => {
    const cycles = findCycles(importGraph().edges).map((cycle) => cycle.join(" <-> "));
    expect(cycles, "move what the modules of a cycle share into a module of its own").toEqual([]);
  });
});
