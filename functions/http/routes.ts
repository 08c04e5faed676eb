/**
 * The mediator API's routes — the single table the local stack serves and the CDK stack deploys. Each
 * route's handler is `functions/http/handlers/<handler>.ts`, exporting `handler`.
 */
export interface RouteDefinition {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly handler: string;
  /** Whether the JWT authorizer guards the route. */
  readonly auth: boolean;
  readonly summary: string;
}

export const ROUTES: readonly RouteDefinition[] = [
  { method: 'GET', path: '/health', handler: 'health', auth: false, summary: 'liveness' },
  { method: 'POST', path: '/cases', handler: 'create-case', auth: true, summary: 'file a case' },
  {
    method: 'GET',
    path: '/cases',
    handler: 'list-cases',
    auth: true,
    summary: "list the caller's post's cases",
  },
  { method: 'GET', path: '/cases/{caseId}', handler: 'get-case', auth: true, summary: 'read a case' },
  {
    method: 'POST',
    path: '/cases/{caseId}/actions',
    handler: 'apply-action',
    auth: true,
    summary: 'apply a lifecycle action',
  },
  {
    method: 'GET',
    path: '/cases/{caseId}/history',
    handler: 'get-history',
    auth: true,
    summary: "the case's events",
  },
];

export const handlerModule = (route: RouteDefinition) => `functions/http/handlers/${route.handler}.ts`;
export const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
