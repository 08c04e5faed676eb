import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify, MESSAGES } from '../../domain/shared/messages.ts';

/**
 * Every message the code writes in English where a person reads it — a domain error's, a field's, a zod
 * check's — has its catalogue entry (and so its Chinese): the text's shape, with each `${…}` as a slot,
 * must be the shape of an English template, with each `{param}` as a slot, or a text the template renders
 * (a bound written out, "must be at least 1"). A module that adds a message
 * without its translation fails here, not in front of a user.
 */

const ROOT = join(import.meta.dirname, '../..');
const SKIPPED = [
  'domain/shared/i18n/',
  'domain/lifecycle/diagram.ts',
  'functions/http/openapi/',
  'functions/adapters/holiday-data.ts',
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** The literal at `start` (a quote or backtick): its text with each `${…}` as `{}`, and where it ends. */
function literalAt(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    if (text[i] === '\\') {
      value += text[i + 1];
      i += 2;
    } else if (quote === '`' && text.startsWith('${', i)) {
      let depth = 1;
      i += 2;
      while (i < text.length && depth > 0) {
        if (text[i] === '`' || text[i] === "'" || text[i] === '"') i = literalAt(text, i).end;
        else {
          if (text[i] === '{') depth++;
          if (text[i] === '}') depth--;
          i++;
        }
      }
      value += '{}';
    } else value += text[i++];
  }
  return { value, end: i + 1 };
}

/** The text of a call's arguments: from `open` (just after the parenthesis) to the matching one. */
function argumentsAt(text: string, open: number): string {
  let depth = 1;
  let i = open;
  while (i < text.length && depth > 0) {
    const c = text[i] as string;
    if (c === '`' || c === "'" || c === '"') i = literalAt(text, i).end;
    else {
      if (c === '(') depth++;
      if (c === ')') depth--;
      i++;
    }
  }
  return text.slice(open, i - 1);
}

function literalsIn(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '`' || c === "'" || c === '"') {
      const { value, end } = literalAt(text, i);
      out.push(value);
      i = end;
    } else i++;
  }
  return out;
}

/** Reads like a sentence to a person (not an enum value, a key or a path). */
const isProse = (s: string) => /^[a-z<]/.test(s) && s.includes(' ') && !/^[a-z]+:\/\//.test(s);

const CALLS =
  /\b(?:new (?:Forbidden|NotFound|Validation|UnknownReference|IllegalTransition|IllegalEvent|Http)Error|ValidationError\.field|issue|z\.[\w.]+)\(/g;

/** Every message-like literal of a source file, with its line. */
function messagesOf(path: string): { text: string; where: string }[] {
  const source = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => (/^\s*(\/\/|\*|\/\*)/.test(line) ? '' : line))
    .join('\n');
  const found: { text: string; at: number }[] = [];
  for (const match of source.matchAll(CALLS)) {
    const at = match.index + match[0].length;
    for (const text of literalsIn(argumentsAt(source, at))) found.push({ text, at });
  }
  const after = path.endsWith('identifiers.ts')
    ? /\b(?:message:|return)\s*(?=['`"])/g
    : /\bmessage:\s*(?=['`"])/g;
  for (const match of source.matchAll(after)) {
    const at = match.index + match[0].length;
    found.push({ text: literalAt(source, at).value, at });
  }
  const rel = relative(ROOT, path);
  return found
    .filter((f) => isProse(f.text))
    .map((f) => ({ text: f.text, where: `${rel}:${source.slice(0, f.at).split('\n').length}` }));
}

const shape = (template: string) => template.replace(/\{\w+(?:\|\w+)?\}/g, '{}');

describe('the catalogue covers the code', () => {
  it('has an entry for every message written in the domain and the functions', () => {
    const known = new Set(Object.values(MESSAGES).map((t) => shape(t.en)));
    const sources = ['domain', 'functions']
      .flatMap((dir) => files(join(ROOT, dir)))
      .filter((path) => !SKIPPED.some((skip) => relative(ROOT, path).startsWith(skip)));
    const all = sources.flatMap(messagesOf);
    // The scan must see the messages it is about, or it proves nothing.
    expect(all.map((m) => m.text)).toEqual(
      expect.arrayContaining([
        'only an admin retries a handoff',
        'must be whole fen',
        'role {} may not file cases',
      ]),
    );
    // Its shape is a template's, or it is what a template renders ("must be at least 1", a slot as a value).
    const missing = all
      .filter((m) => !known.has(m.text) && identify(m.text) === null)
      .map((m) => `${m.where}: ${m.text}`);
    expect(missing).toEqual([]);
  });
});
