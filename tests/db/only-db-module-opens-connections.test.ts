// Keeps "one way to touch the database" true as the code grows: only app/db/ may create Prisma
// clients or SQLite connections, open transactions or issue raw writes. Everything else reads
// through `db` and writes through `write(tx => ...)` (docs/decisions/0002-data-layer.md).
// The scan parses each file with the TypeScript compiler, so comments and strings do not count.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(".");
const SOURCE_EXTENSIONS = /\.(?:ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
/** Scanned: the application, the operator scripts, the seed and the Prisma CLI glue. */
const SCANNED = ["app", "scripts", "prisma"];
/** Generated code is Prisma's own, not ours. */
const SKIPPED_DIRECTORIES = new Set(["app/generated", "node_modules"]);
const DATA_LAYER = "app/db/";

/** Modules that open connections or hold runtime database values; type-only imports are fine. */
const FORBIDDEN_MODULES: { test: (specifier: string) => boolean; why: string }[] = [
  { test: (s) => /(^|\/)generated\/prisma(\/|$)/.test(s), why: "the generated Prisma client (runtime values)" },
  { test: (s) => s === "@prisma/client" || s.startsWith("@prisma/client/"), why: "@prisma/client" },
  { test: (s) => s === "@prisma/adapter-better-sqlite3", why: "the SQLite driver adapter" },
  { test: (s) => s === "better-sqlite3", why: "better-sqlite3" },
  { test: (s) => /(^|\/)db\/sqlite-adapter\.server(\.ts)?$/.test(s), why: "the connection factory" },
];
/** Client methods that open transactions or write outside the write queue. */
const FORBIDDEN_CALLS = new Set(["$transaction", "$executeRaw", "$executeRawUnsafe", "$queryRawUnsafe"]);

/** Exactly what needs an exception, and why. */
const ALLOWED: Record<string, string[]> = {
  // The Prisma CLI's adapter (prisma.config.ts) extends the connection factory for migrations.
  "prisma/migration-adapter.ts": ["the connection factory"],
};

interface Violation {
  file: string;
  line: number;
  what: string;
}

function findViolations(file: string, text: string, allowed = new Set(ALLOWED[file] ?? [])): Violation[] {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const violations: Violation[] = [];
  const report = (node: ts.Node, what: string) => {
    violations.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const checkModule = (node: ts.Node, specifier: string) => {
    for (const rule of FORBIDDEN_MODULES) {
      if (rule.test(specifier) && !allowed.has(rule.why)) report(node, `imports ${rule.why} ("${specifier}")`);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!isTypeOnlyImport(node)) checkModule(node, node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) checkModule(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (!node.isTypeOnly && ts.isStringLiteral(expression)) checkModule(node, expression.text);
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isDynamicImport || isRequire) && first && ts.isStringLiteralLike(first)) checkModule(node, first.text);
    }
    // `import("…").Type` in a type position is an ImportTypeNode, not a call: type-only, allowed.
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : undefined;
      if (name && FORBIDDEN_CALLS.has(name))
        report(node, `uses ${name} (only app/db opens transactions or writes raw SQL)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "module"`: runs the module
  if (clause.isTypeOnly) return true;
  if (clause.name) return false; // default import
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (ts.isNamespaceImport(bindings)) return false;
  return bindings.elements.length > 0 && bindings.elements.every((element) => element.isTypeOnly);
}

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    if (SKIPPED_DIRECTORIES.has(relative)) return;
    for (const entry of readdirSync(path.join(ROOT, relative))) {
      const child = path.posix.join(relative, entry);
      const stats = statSync(path.join(ROOT, child));
      if (stats.isDirectory()) walk(child);
      else if (SOURCE_EXTENSIONS.test(entry) && !entry.endsWith(".d.ts")) files.push(child);
    }
  };
  for (const directory of SCANNED) if (existsSync(path.join(ROOT, directory))) walk(directory);
  return files;
}

describe("only app/db opens database connections", () => {
  it("no file outside app/db imports a Prisma client, the SQLite driver or the connection factory, or opens transactions", () => {
    const files = sourceFiles();
    expect(files.some((file) => file.startsWith(DATA_LAYER))).toBe(true);
    const violations = files
      .filter((file) => !file.startsWith(DATA_LAYER))
      .flatMap((file) => findViolations(file, readFileSync(path.join(ROOT, file), "utf8")));
    const message = violations.map((v) => `${v.file}:${v.line} ${v.what}`).join("\n");
    expect(violations, `Use \`db\` to read and \`write(tx => …)\` from ~/db/db.server to write:\n${message}`).toEqual(
      [],
    );
  });

  it("every allow-list entry is still needed", () => {
    for (const [file, reasons] of Object.entries(ALLOWED)) {
      expect(existsSync(path.join(ROOT, file)), `${file} no longer exists: remove it from ALLOWED`).toBe(true);
      const withoutException = findViolations(file, readFileSync(path.join(ROOT, file), "utf8"), new Set());
      for (const reason of reasons) expect(withoutException.map((v) => v.what).join("\n")).toContain(reason);
    }
  });

  it("the scan catches what it must and lets type-only imports through", () => {
    const caught = (text: string) => findViolations("app/routes/example.tsx", text).map((v) => v.what);
    expect(caught(`import { PrismaClient } from "~/generated/prisma/client";`)).toHaveLength(1);
    expect(caught(`import { Prisma, type User } from "~/generated/prisma/client";`)).toHaveLength(1);
    expect(caught(`import * as prisma from "../generated/prisma/client";`)).toHaveLength(1);
    expect(caught(`export { PrismaClient } from "~/generated/prisma/client";`)).toHaveLength(1);
    expect(caught(`const m = await import("~/generated/prisma/client");`)).toHaveLength(1);
    expect(caught(`import { PrismaClient } from "@prisma/client";`)).toHaveLength(1);
    expect(caught(`import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";`)).toHaveLength(1);
    expect(caught(`import Database from "better-sqlite3";`)).toHaveLength(1);
    expect(caught(`const Database = require("better-sqlite3");`)).toHaveLength(1);
    expect(caught(`import { AmontSqliteAdapterFactory } from "~/db/sqlite-adapter.server";`)).toHaveLength(1);
    expect(caught(`await client.$transaction(async (tx) => tx.user.create({ data }));`)).toHaveLength(1);
    expect(caught('await anything.$executeRaw`DELETE FROM "User"`;')).toHaveLength(1);
    expect(caught(`await anything["$executeRawUnsafe"]("DELETE FROM User");`)).toHaveLength(1);

    expect(caught(`import type { User, Prisma } from "~/generated/prisma/client";`)).toEqual([]);
    expect(caught(`import { type User, type Prisma } from "~/generated/prisma/client";`)).toEqual([]);
    expect(caught(`export type { User } from "~/generated/prisma/client";`)).toEqual([]);
    expect(caught(`type Row = import("~/generated/prisma/client").User;`)).toEqual([]);
    expect(
      caught(
        `import { db, write } from "~/db/db.server";\n// a comment about $transaction and better-sqlite3\nconst s = "$executeRaw";`,
      ),
    ).toEqual([]);
  });
});
