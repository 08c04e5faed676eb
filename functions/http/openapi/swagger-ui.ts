import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * Swagger UI's script and style sheet, as text. In the Lambda bundle esbuild has inlined them (its text
 * import attribute), so the function reads nothing from disk; run from source (the local stack, tests),
 * where Node has no text imports, they are read from node_modules.
 */
const BUNDLED = !import.meta.url.endsWith('.ts');
const require = createRequire(import.meta.url);

const fromSource = (file: string) => readFile(require.resolve(file), 'utf8');

export async function swaggerUiScript(): Promise<string> {
  if (!BUNDLED) return fromSource('swagger-ui-dist/swagger-ui-bundle.js');
  return (await import('swagger-ui-dist/swagger-ui-bundle.js', { with: { type: 'text' } })).default;
}

export async function swaggerUiStyles(): Promise<string> {
  if (!BUNDLED) return fromSource('swagger-ui-dist/swagger-ui.css');
  return (await import('swagger-ui-dist/swagger-ui.css', { with: { type: 'text' } })).default;
}
