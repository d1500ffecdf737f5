/**
 * Typechecks every ```ts code block in README.md and docs/**\/*.md against the package source, so docs
 * cannot rot. Each block is written to tmp/snippets/ as its own module; `dragoman` and its subpaths (`/testing`, `/otel`, `/redis`, `/web`, `/mcp`)
 * are mapped to src/ by tsconfig paths, and errors are reported at their line in the Markdown file.
 * A block whose info string contains `no-check` (```ts no-check) is skipped.
 *
 * Usage: npm run check:snippets
 * @module
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One code block taken from a Markdown file. */
export interface Snippet {
  /** Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line in the Markdown file. */
  line: number;
  code: string;
}

/** Finds the ```ts / ```typescript blocks of a Markdown text, skipping those marked `no-check`. */
export function extractSnippets(markdown: string, file: string): Snippet[] {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  let open: { fence: string; line: number; code: string[]; checked: boolean } | undefined;
  for (const [index, line] of lines.entries()) {
    if (!open) {
      const start = /^ {0,3}(`{3,}|~{3,})\s*([\w-]*)(.*)$/u.exec(line);
      if (start) {
        const language = start[2]!.toLowerCase();
        const checked = (language === 'ts' || language === 'typescript') && !/\bno-check\b/u.test(start[3]!);
        open = { fence: start[1]!, line: index + 2, code: [], checked };
      }
      continue;
    }
    if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/gu, '') === '') {
      if (open.checked) snippets.push({ file, line: open.line, code: open.code.join('\n') });
      open = undefined;
    } else {
      open.code.push(line);
    }
  }
  return snippets;
}

/** A type error, placed in the Markdown file it came from. */
export interface SnippetError {
  file: string;
  line: number;
  message: string;
}

/** Typechecks snippets in `workDirectory` (inside the repo, so node_modules resolve) and maps errors back. */
export async function typecheckSnippets(
  repoRoot: string,
  snippets: Snippet[],
  workDirectory: string,
): Promise<SnippetError[]> {
  await rm(workDirectory, { recursive: true, force: true });
  await mkdir(workDirectory, { recursive: true });
  const sources = new Map<string, Snippet>();
  for (const [index, snippet] of snippets.entries()) {
    const name = `${snippet.file.replace(/[^\w]+/gu, '-')}-${snippet.line}-${index}.ts`;
    const fileName = path.join(workDirectory, name);
    // `export {}` makes each snippet a module, so top-level names and `await` do not clash.
    await writeFile(fileName, `${snippet.code}\nexport {};\n`);
    sources.set(path.resolve(fileName), snippet);
  }
  const configPath = path.join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    baseUrl: repoRoot,
    paths: {
      dragoman: ['src/index.ts'],
      'dragoman/testing': ['src/testing/index.ts'],
      'dragoman/otel': ['src/otel/index.ts'],
      'dragoman/redis': ['src/redis/index.ts'],
      'dragoman/web': ['src/web/index.ts'],
      'dragoman/mcp': ['src/mcp/index.ts'],
      'dragoman/node': ['src/node/index.ts'],
    },
    allowImportingTsExtensions: true,
  };
  const program = ts.createProgram([...sources.keys()], options);
  const errors: SnippetError[] = [];
  // Errors inside src/ itself are `npm run typecheck`'s job; only the snippets and global problems count here.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...sources.keys()].flatMap((fileName) => {
      const sourceFile = program.getSourceFile(fileName);
      return sourceFile
        ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]
        : [];
    }),
  ];
  for (const diagnostic of diagnostics) {
    const fileName = diagnostic.file ? path.resolve(diagnostic.file.fileName) : undefined;
    const snippet = fileName ? sources.get(fileName) : undefined;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!snippet || !diagnostic.file || diagnostic.start === undefined) {
      errors.push({ file: '(compiler options)', line: 0, message: `TS${diagnostic.code}: ${message}` });
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    errors.push({
      file: snippet.file,
      line: snippet.line + line,
      message: `TS${diagnostic.code}: ${message}`,
    });
  }
  return errors;
}

async function markdownFiles(repoRoot: string): Promise<string[]> {
  const files = ['README.md'];
  const walk = async (directory: string): Promise<void> => {
    const entries = await readdir(path.join(repoRoot, directory), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const relative = `${directory}/${entry.name}`;
      if (entry.isDirectory() && relative !== 'docs/api') await walk(relative);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(relative);
    }
  };
  await walk('docs');
  return files;
}

async function main(): Promise<void> {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const snippets: Snippet[] = [];
  const files = await markdownFiles(repoRoot);
  for (const file of files) {
    const markdown = await readFile(path.join(repoRoot, file), 'utf8').catch(() => '');
    snippets.push(...extractSnippets(markdown, file));
  }
  const errors = await typecheckSnippets(repoRoot, snippets, path.join(repoRoot, 'tmp', 'snippets'));
  for (const error of errors) console.error(`${error.file}:${error.line}: ${error.message}`);
  const summary = `${snippets.length} TypeScript snippets in ${files.length} Markdown files`;
  if (errors.length > 0) {
    console.error(`check-snippets: ${errors.length} type errors in ${summary}.`);
    process.exitCode = 1;
  } else {
    console.log(`check-snippets: ${summary} typecheck cleanly.`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
