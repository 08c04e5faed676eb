import { FUNCTIONS, HTTP_FUNCTIONS, type HttpMethod } from '../catalogue.ts';

/**
 * The API's routes, as the function catalogue lists them (functions/catalogue.ts): the table the local
 * gateway serves and the CDK stack deploys. Each route's handler is `functions/http/handlers/<handler>.ts`.
 */
export interface RouteDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: string;
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
  auth: f.trigger.publicBecause === undefined,
  summary: f.trigger.summary,
  ...(f.trigger.publicBecause ? { publicBecause: f.trigger.publicBecause } : {}),
}));

export const handlerModule = (route: RouteDefinition) => `functions/http/handlers/${route.handler}.ts`;
export const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
/** The catalogue entry of a route. */
export const functionOf = (route: RouteDefinition) => {
  const found = FUNCTIONS.find((f) => f.name === `http-${route.handler}`);
  if (!found) throw new Error(`no function for route ${routeKey(route)}`);
  return found;
};
