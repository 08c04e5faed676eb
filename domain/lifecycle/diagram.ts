import {
  ACTION_NAMES,
  ACTION_PAYLOADS,
  ACTIONS,
  edges,
  OPENING_ACTION,
  TERMINAL_STATUSES,
  TRANSITIONS,
} from './table.ts';

/** The lifecycle table as a Mermaid state diagram; docs/lifecycle.md embeds exactly this text. */
export function lifecycleMermaid(): string {
  const labels = new Map<string, string[]>();
  for (const e of edges()) {
    const key = `${e.from} --> ${e.to}`;
    const list = labels.get(key) ?? [];
    if (!list.includes(e.action)) list.push(e.action);
    labels.set(key, list);
  }
  const opening = ACTIONS[OPENING_ACTION].rows.map((row) => `  [*] --> ${row.to}: ${OPENING_ACTION}`);
  return [
    'stateDiagram-v2',
    ...opening,
    ...[...labels].map(([pair, actions]) => `  ${pair}: ${actions.join(' / ')}`),
    ...TERMINAL_STATUSES.map((s) => `  ${s} --> [*]`),
  ].join('\n');
}

/** The actions as a Markdown table: who may take them, from which states, to which, with which fields. */
export function actionsTable(): string {
  const rows = ACTION_NAMES.map((action) => {
    const transitions = TRANSITIONS.filter((t) => t.action === action);
    const from = [...new Set(transitions.flatMap((t) => t.from))].join(', ');
    const to = [...new Set(transitions.map((t) => t.to))].join(' or ');
    const roles = [...new Set(transitions.flatMap((t) => t.roles))].join(', ');
    const fields = Object.keys(ACTION_PAYLOADS[action].shape)
      .map((f) => `\`${f}\``)
      .join(', ');
    return `| \`${action}\` | ${fields || '—'} | ${from} | ${to} | ${roles} |`;
  });
  return ['| action | fields | from | to | who |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
