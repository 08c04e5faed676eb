import { randomUUID } from 'node:crypto';

/**
 * An `.http` file (docs/requests.http) read the way VS Code's REST Client and the JetBrains HTTP Client
 * read it: `###` separates requests (the rest of that line is the request's title), `@name = value`
 * defines a file variable, `{{name}}` uses one, a request is its method and URL, its headers, a blank line
 * and its body. Only what the collection uses: no request variables, scripts or multipart bodies.
 */

export interface HttpFileRequest {
  readonly title: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What the editors' dynamic variables stand for (VS Code's names; JetBrains' are in the file's header). */
const DYNAMIC: Readonly<Record<string, () => string>> = {
  $guid: () => randomUUID(),
  '$datetime iso8601': () => new Date().toISOString(),
};

export function parseHttpFile(text: string): {
  variables: Record<string, string>;
  requests: HttpFileRequest[];
} {
  const variables: Record<string, string> = {};
  const requests: HttpFileRequest[] = [];
  const blocks = text.split(/^###.*$/m);
  const titles = [...text.matchAll(/^###(.*)$/gm)].map((m) => (m[1] ?? '').trim());
  blocks.forEach((block, index) => {
    const lines = block.split('\n');
    let i = 0;
    for (; i < lines.length; i++) {
      const line = (lines[i] ?? '').trim();
      const variable = /^@([\w-]+)\s*=\s*(.*)$/.exec(line);
      if (variable) variables[variable[1] as string] = (variable[2] as string).trim();
      else if (line !== '' && !line.startsWith('#') && !line.startsWith('//')) break;
    }
    const requestLine = lines[i]?.trim();
    if (requestLine === undefined) return;
    const title = index === 0 ? '(before the first ###)' : (titles[index - 1] ?? '');
    const parsed = /^(GET|POST|PUT|PATCH|DELETE) (\S+)(?: HTTP\/[\d.]+)?$/.exec(requestLine);
    if (!parsed) throw new Error(`${title}: not a request line: ${requestLine}`);
    const headers: Record<string, string> = {};
    for (i++; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) {
      const header = /^([\w-]+):\s*(.*)$/.exec((lines[i] ?? '').trim());
      if (!header) throw new Error(`${title}: not a header: ${lines[i]}`);
      headers[(header[1] as string).toLowerCase()] = (header[2] as string).trim();
    }
    const body = lines.slice(i).join('\n').trim();
    requests.push({ title, method: parsed[1] as string, url: parsed[2] as string, headers, body });
  });
  return { variables, requests };
}

/** `{{name}}` replaced by the file variable (itself resolved) or a fresh dynamic value, as the editors do. */
export function resolver(variables: Readonly<Record<string, string>>) {
  const resolve = (text: string, depth = 0): string =>
    text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, name: string) => {
      const dynamic = DYNAMIC[name];
      if (dynamic) return dynamic();
      const value = variables[name];
      if (value === undefined || depth > 5) throw new Error(`undefined variable {{${name}}}`);
      return resolve(value, depth + 1);
    });
  return resolve;
}
