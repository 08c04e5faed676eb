import { FUNCTIONS, HTTP_FUNCTIONS, type HttpMethod } from '../catalogue.ts';

/**
 * The API's routes, as the function catalogue lists them (functions/catalogue.ts): the table the local
 * gateway serves and the CDK stack deploys. A route's handler module is its catalogue entry's: most are
 * `functions/http/handlers/<handler>.ts`, the partner callbacks `functions/callbacks/`.
 */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: string;
  /** The catalogue's function name and handler module. */
  readonly name: string;
  readonly entry: string;
  /** Whether the JWT authorizer guards the route. */
  readonly auth: boolean;
  readonly summary: string;
  /** Why a route without the authorizer is public. */
  readonly publicBecause?: string;
}

export const ROUTES: readonly RouteDefinition[] = HTTP_FUNCTIONS.map((f) => ({
  method: f.trigger.method,
  path: f.trigger.path,
  handler: f.name.replace(/^http-/, ''),
  name: f.name,
  entry: f.entry,
  auth: f.trigger.publicBecause === undefined,
  summary: f.trigger.summary,
  ...(f.trigger.publicBecause ? { publicBecause: f.trigger.publicBecause } : {}),
}));

export const handlerModule = (route: RouteDefinition) => route.entry;
export const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
/** The catalogue entry of a route. */
export const functionOf = (route: RouteDefinition) => {
  const found = FUNCTIONS.find((f) => f.name === route.name);
  if (!found) throw new Error(`no function for route ${routeKey(route)}`);
  return found;
};
