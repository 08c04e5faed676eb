import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, type IResource, NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CDK_JSON_CONTEXT } from '../../../infra/cdk/cdk-json.ts';
import { createStacks, type MediationStacks } from '../../../infra/cdk/stacks.ts';
import { resolveStage, type StageName } from '../../../infra/cdk/stage-config.ts';

export interface SynthOptions {
  /** Run esbuild for every function (slow); otherwise assets are placeholders. @default false */
  readonly bundle?: boolean;
}

export interface Synthesized extends MediationStacks {
  readonly app: App;
  readonly outdir: string;
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  /** Deletes the cloud assembly. */
  cleanup(): void;
}

/**
 * Both stacks of a stage, synthesised in-process with the context of cdk.json (the same feature flags as
 * `npm run synth`) into a temporary directory. Without `bundle`, bundling is skipped for every stack.
 */
export function synth(stage: StageName, options: SynthOptions = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'ldm-cdk-test-'));
  const app = new App({
    outdir,
    context: {
      ...CDK_JSON_CONTEXT,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stacks = createStacks(app, resolveStage(stage));
  return {
    ...stacks,
    app,
    outdir,
    statefulTemplate: Template.fromStack(stacks.stateful),
    statelessTemplate: withNested(stacks.stateless),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/**
 * A stack's template with the resources, conditions and outputs of its nested stacks (the stateless
 * stack keeps its alarms and its API in two, infra/cdk/stateless-stack.ts) merged in, as one template:
 * their logical ids are the ones they had in the parent, a nested stack's parameters are replaced by the
 * values the parent passes and the parent's reads of a nested output by the output's value, so a
 * reference reads as it would with everything in one stack.
 */
function withNested(stack: Stack): Template {
  const merged = Template.fromStack(stack).toJSON();
  const outputs = new Map<string, Json>();
  const nested = stack.node.findAll().filter((c): c is NestedStack => c instanceof NestedStack);
  for (const child of nested) {
    const resourceId = stack.resolve((child.nestedStackResource as CfnElement).logicalId) as string;
    const parameters: Record<string, Json> = merged.Resources[resourceId]?.Properties?.Parameters ?? {};
    const part = substitute(Template.fromStack(child).toJSON(), (node) =>
      typeof node.Ref === 'string' && node.Ref in parameters ? parameters[node.Ref] : undefined,
    );
    for (const [name, output] of Object.entries<Json>(part.Outputs ?? {})) {
      outputs.set(`${resourceId}.Outputs.${name}`, output.Value);
    }
    for (const section of ['Resources', 'Conditions', 'Outputs', 'Mappings']) {
      if (part[section]) merged[section] = { ...(merged[section] ?? {}), ...part[section] };
    }
  }
  let resolved = merged;
  for (let pass = 0; pass < 3; pass++) {
    resolved = substitute(resolved, (node) => {
      const at = node['Fn::GetAtt'];
      return Array.isArray(at) ? outputs.get(`${at[0]}.${at[1]}`) : undefined;
    });
  }
  return Template.fromJSON(resolved, { skipCyclicalDependenciesCheck: true });
}

/** A copy of the JSON with every object `replace` answers for replaced by its answer. */
function substitute(node: Json, replace: (node: Record<string, Json>) => Json): Json {
  if (Array.isArray(node)) return node.map((n) => substitute(n, replace));
  if (node === null || typeof node !== 'object') return node;
  const replaced = replace(node);
  if (replaced !== undefined) return substitute(replaced, replace);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, replace)]));
}

/** Template JSON, which the tests index into freely. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation templates are untyped JSON.
export type Json = any;

export type Resources = Record<string, { Type: string; Properties?: Json; [key: string]: Json }>;

export const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;

/** The function deployed under that name: its logical id and properties; throws when there is none. */
export function functionNamed(template: Template, name: string): { id: string; props: Json } {
  const found = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
    ([, f]) => f.Properties.FunctionName === name,
  );
  if (!found) throw new Error(`no function ${name}`);
  return { id: found[0], props: found[1].Properties };
}

/** The logical id of a construct's CloudFormation resource. */
export const logicalId = (resource: IResource): string =>
  resource.stack.getLogicalId(resource.node.defaultChild as CfnElement);

/**
 * Turns an intrinsic from the stateless template into a readable reference, following cross-stack
 * references into the stateful template: `{ "Fn::GetStackOutput": … }` → `CasesTableABC.Arn`,
 * `{ "Fn::Join": ["", [<table arn>, "/index/byPost"]] }` → `CasesTableABC.Arn/index/byPost`.
 */
export function describeRef(value: unknown, stateful: Template): string {
  const outputs = stateful.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
  const describe = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(describe).join(',');
    if (v && typeof v === 'object') {
      const o = v as Record<string, Json>;
      if ('Ref' in o) return String(o.Ref);
      if ('Fn::GetAtt' in o) return `${o['Fn::GetAtt'][0]}.${o['Fn::GetAtt'][1]}`;
      if ('Fn::GetStackOutput' in o) {
        const output = outputs[o['Fn::GetStackOutput'].OutputName];
        if (!output) throw new Error(`no output ${o['Fn::GetStackOutput'].OutputName}`);
        return describe(output.Value);
      }
      if ('Fn::ImportValue' in o) {
        const output = Object.values(outputs).find((out) => out.Export?.Name === o['Fn::ImportValue']);
        if (!output) throw new Error(`no export ${o['Fn::ImportValue']}`);
        return describe(output.Value);
      }
      if ('Fn::Join' in o) return (o['Fn::Join'][1] as unknown[]).map(describe).join(o['Fn::Join'][0]);
    }
    return JSON.stringify(v);
  };
  return describe(value);
}

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, string>>;
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourceListOf = (statement: Statement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];

/** Every statement of the inline policies attached to a function's role, by function name. */
export function statementsByFunction(template: Template): Map<string, Statement[]> {
  const functions = resourcesOf(template, 'AWS::Lambda::Function');
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  const result = new Map<string, Statement[]>();
  for (const fn of Object.values(functions)) {
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    const statements = Object.values(policies)
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    result.set(fn.Properties.FunctionName as string, statements);
  }
  return result;
}
