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
  {
    method: 'GET',
    path: '/cases/{caseId}/handoffs',
    handler: 'list-handoffs',
    auth: true,
    summary: "the case's handoffs with status and attempts",
  },
  {
    method: 'POST',
    path: '/handoffs/{handoffId}/retry',
    handler: 'retry-handoff',
    auth: true,
    summary: 'dispatch a failed handoff again (admin)',
  },
  {
    method: 'POST',
    path: '/dead-letters/{kind}/redrive',
    handler: 'redrive-dead-letters',
    auth: true,
    summary: 'move parked handoff messages back to their queue (admin)',
  },
];

export const handlerModule = (route: RouteDefinition) => `functions/http/handlers/${route.handler}.ts`;
export const routeKey = (route: RouteDefinition) => `${route.method} ${route.path}`;
