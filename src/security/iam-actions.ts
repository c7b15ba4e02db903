// The one table of what each command calls in AWS, as IAM actions on resource kinds. `ae iam-policy`
// renders least-privilege policies from it; a test checks it against the calls the integration
// flows actually made on the local endpoint. sts:GetCallerIdentity needs no permission.

export type ResourceKind =
  | 'state-machine' // arn:aws:states:R:A:stateMachine:NAME
  | 'execution' // arn:aws:states:R:A:execution:NAME:*
  | 'rule' // arn:aws:events:R:A:rule/NAME
  | 'holds-bucket' // arn:aws:s3:::HOLDS_BUCKET (ListBucket)
  | 'holds-objects' // arn:aws:s3:::HOLDS_BUCKET/PREFIX* and the lock key
  | 'evidence-objects' // arn:aws:s3:::RESUME_BUCKET/* (resume keys)
  | 'pass-role' // the state machine and EventBridge roles
  | 'any' // actions without resource-level permissions

export interface Grant {
  actions: string[]
  on: ResourceKind
}

const READ_EXECUTIONS: Grant = {actions: ['states:DescribeExecution', 'states:GetExecutionHistory', 'states:DescribeStateMachineForExecution'], on: 'execution'}
const LIST_EXECUTIONS: Grant = {actions: ['states:ListExecutions', 'states:DescribeStateMachine'], on: 'state-machine'}
const READ_HOLDS: Grant[] = [
  {actions: ['s3:ListBucket'], on: 'holds-bucket'},
  {actions: ['s3:GetObject'], on: 'holds-objects'},
]
const WRITE_HOLDS: Grant = {actions: ['s3:PutObject', 's3:DeleteObject'], on: 'holds-objects'}
const READ_RULES: Grant = {actions: ['events:DescribeRule', 'events:ListTargetsByRule'], on: 'rule'}

export const COMMAND_GRANTS: Record<string, Grant[]> = {
  validate: [],
  'pipelines:list': [],
  'pipelines:show': [],
  'local:start': [],
  status: [LIST_EXECUTIONS, READ_EXECUTIONS, READ_RULES, ...READ_HOLDS],
  'executions:list': [LIST_EXECUTIONS],
  'executions:show': [LIST_EXECUTIONS, READ_EXECUTIONS],
  'executions:watch': [LIST_EXECUTIONS, READ_EXECUTIONS],
  recover: [
    LIST_EXECUTIONS,
    READ_EXECUTIONS,
    {actions: ['states:StartExecution'], on: 'state-machine'},
    {actions: ['states:RedriveExecution'], on: 'execution'},
    {actions: ['s3:GetObject'], on: 'evidence-objects'},
    ...READ_HOLDS,
    // The start holds the deploy lock for a moment, so a deploy cannot slip between its checks and StartExecution.
    WRITE_HOLDS,
  ],
  deploy: [
    LIST_EXECUTIONS,
    READ_EXECUTIONS,
    {actions: ['states:CreateStateMachine', 'states:UpdateStateMachine', 'states:TagResource', 'states:ListTagsForResource'], on: 'state-machine'},
    {actions: ['states:ValidateStateMachineDefinition'], on: 'any'},
    READ_RULES,
    {actions: ['events:PutRule', 'events:PutTargets'], on: 'rule'},
    ...READ_HOLDS,
    WRITE_HOLDS,
    {actions: ['iam:PassRole'], on: 'pass-role'},
  ],
  diff: [LIST_EXECUTIONS, READ_RULES, {actions: ['states:ValidateStateMachineDefinition'], on: 'any'}],
  run: [LIST_EXECUTIONS, READ_EXECUTIONS, {actions: ['states:StartExecution'], on: 'state-machine'}],
  'hold:place': [...READ_HOLDS, WRITE_HOLDS],
  'hold:list': READ_HOLDS,
  'hold:release': [...READ_HOLDS, WRITE_HOLDS],
  'shell-run:enable': [LIST_EXECUTIONS, READ_RULES, {actions: ['events:EnableRule'], on: 'rule'}],
  'shell-run:disable': [READ_RULES, {actions: ['events:DisableRule'], on: 'rule'}],
  'shell-run:status': [LIST_EXECUTIONS, READ_EXECUTIONS, READ_RULES],
  'shell-run:now': [LIST_EXECUTIONS, READ_EXECUTIONS, {actions: ['states:StartExecution'], on: 'state-machine'}],
  'iam-policy': [],
}

/** The local endpoint logs "sfn:StartExecution"; IAM calls it states:StartExecution. */
export function iamActionOf(call: string): string | undefined {
  const [service, op] = call.split(':') as [string, string]
  if (service === 'sts') return undefined
  if (service === 'sfn') return `states:${op}`
  if (service === 'events') return `events:${op}`
  if (service === 's3') {
    // S3's API names map to IAM actions with a few renames (HEAD needs GetObject/ListBucket).
    const renamed: Record<string, string> = {HeadObject: 's3:GetObject', HeadBucket: 's3:ListBucket', ListObjectsV2: 's3:ListBucket', ListObjects: 's3:ListBucket', DeleteObjects: 's3:DeleteObject'}
    return renamed[op] ?? `s3:${op}`
  }
  return `${service}:${op}`
}

export const actionsOf = (command: string): Set<string> => new Set((COMMAND_GRANTS[command] ?? []).flatMap((g) => g.actions))
