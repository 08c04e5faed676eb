import * as z from 'zod/mini';
import { type Message, message, render, TERMS } from './messages.ts';

/**
 * zod/mini carries no messages of its own (its issues would all read "Invalid input"), and zod's English
 * locale speaks to programmers ("Invalid input: expected number, received undefined"). The API's 400s name
 * what is wrong in the catalogue's words instead (messages.ts): a missing field "is required" (必填), a
 * bound names its limit, an enum lists its values. The English is what parseOrThrow keeps; ValidationError
 * finds the catalogue entry back from it, and the HTTP edge answers in the caller's language. Imported for
 * this effect by the modules that parse (validation.ts, the functions' environment parsing).
 */

type RawIssue = z.core.$ZodRawIssue;

const SIZED: Record<string, { min: Parameters<typeof message>[0]; max: Parameters<typeof message>[0] }> = {
  string: { min: 'field.minLength', max: 'field.maxLength' },
  array: { min: 'field.minItems', max: 'field.maxItems' },
  set: { min: 'field.minItems', max: 'field.maxItems' },
};

const primitive = (value: unknown) =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));

/** The catalogue message for one of zod's issues. */
export function issueMessage(issue: RawIssue): Message {
  // A field left out fails its type, its enum or its union: each way, what is wrong is that it is missing.
  const missing = issue.input === undefined;
  if (missing && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code ?? '')) {
    return message('field.required');
  }
  switch (issue.code) {
    case 'invalid_type':
      return message('field.type', { expected: String(issue.expected) });
    case 'invalid_value':
      return issue.values.length === 1
        ? message('field.literal', { value: primitive(issue.values[0]) })
        : message('field.oneOf', { values: issue.values.map(primitive) });
    case 'too_small': {
      const minimum = Number(issue.minimum);
      const sized = SIZED[issue.origin];
      if (issue.origin === 'string' && minimum === 1) return message('field.notEmpty');
      if (sized) return message(issue.exact ? 'field.exactLength' : sized.min, { minimum, length: minimum });
      return message(issue.inclusive === false ? 'field.moreThan' : 'field.min', { minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      const sized = SIZED[issue.origin];
      if (sized) return message(issue.exact ? 'field.exactLength' : sized.max, { maximum, length: maximum });
      return message(issue.inclusive === false ? 'field.lessThan' : 'field.max', { maximum });
    }
    case 'invalid_format':
      // A pattern, or a format the catalogue has no word for, reads "has the wrong format".
      return Object.hasOwn(TERMS.format, issue.format)
        ? message('field.format', { format: issue.format })
        : message('field.pattern');
    case 'not_multiple_of':
      return message('field.multipleOf', { divisor: Number(issue.divisor) });
    case 'unrecognized_keys':
      return message('field.unknownKeys', { keys: issue.keys });
    case 'invalid_union':
      return message('field.union');
    default:
      return message('field.invalid');
  }
}

z.config({ localeError: (issue) => render(issueMessage(issue), 'en') });
