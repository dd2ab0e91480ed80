import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Statement, statementRecorder } from './sql-replay';

/** One first page R3 measures: `GET /cases?limit=50` with a filter, as the user it is asked by. */
export interface CaseList {
  name: string;
  path: string;
  asCompanion: boolean;
}

/** A scan of cases reading more than this share of the organisation's cases grows with it. */
const WHOLE_ORGANISATION_SHARE = 0.1;
/** ... unless it reads no more than this many rows: a first page's read, whatever the size. */
const BOUNDED_ROWS = 1_000;

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

/**
 * R3's lists: the coordinator's first page, her first page under each SPEC §9 filter (values
 * from the demo region Kupang, hers), and the companion's worklist (`assignedTo=me`).
 */
export async function caseLists(dataSource: DataSource): Promise<CaseList[]> {
  const [place] = await dataSource.query(
    `SELECT g.region_id, g.village_id, g.id AS group_id FROM groups g JOIN regions r ON r.id = g.region_id
      WHERE r.code = 'KPG' ORDER BY g.name LIMIT 1`,
  );
  const filters: Record<string, string> = {
    'first page': '',
    status: 'status=closure_requested',
    region: `regionId=${place.region_id}`,
    village: `villageId=${place.village_id}`,
    group: `groupId=${place.group_id}`,
    violenceType: 'violenceType=trafficking',
    riskLevel: 'riskLevel=critical',
    'overdue=true': 'overdue=true',
    'overdue=false': 'overdue=false',
    'intakeFrom/intakeTo': `intakeFrom=${day(120)}&intakeTo=${day(90)}`,
  };
  const lists = Object.entries(filters).map(([name, filter]) => ({
    name,
    path: `/api/v1/cases?limit=50${filter ? `&${filter}` : ''}`,
    asCompanion: false,
  }));
  return [...lists, { name: 'worklist (companion)', path: '/api/v1/cases?limit=50&assignedTo=me', asCompanion: true }];
}

/** The statements that read a list's page of cases (two for the worklist's two partitions). */
export async function recordListStatements(
  fastify: FastifyInstance,
  dataSource: DataSource,
  url: string,
  headers: Record<string, string>,
): Promise<Statement[]> {
  const recorder = statementRecorder();
  const logger = dataSource.logger;
  Object.assign(dataSource, { logger: recorder.logger });
  const answer = await fastify.inject({ method: 'GET', url, headers });
  Object.assign(dataSource, { logger });
  if (answer.statusCode !== 200) throw new Error(`GET ${url} answered ${answer.statusCode}`);
  return recorder.statements.filter(
    (statement) => /^SELECT/.test(statement.text) && /FROM "cases" "row"/.test(statement.text),
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

export interface PlanCheck {
  /** What the plan reads cases through, e.g. `Index Scan on IDX_cases_region_created`. */
  access: string[];
  casesRowsRead: number;
  executionMs: number;
  /** Why the plan grows with the organisation; empty when it does not. */
  flags: string[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/**
 * EXPLAIN ANALYZE of the statements, flagging a sequential scan of a table of more than a page's
 * worth of rows and a scan of cases that reads more than a tenth of the organisation's cases (and
 * more than a page's worth). A lookup table (the regions, read for each case's time zone) may
 * be read whole: it does not grow with the cases.
 */
export async function checkPlans(client: Client, statements: Statement[]): Promise<PlanCheck> {
  const [{ cases }] = (await client.query('SELECT count(*)::int AS cases FROM cases')).rows;
  const large = async (table: string) =>
    (await client.query('SELECT reltuples > $2 AS large FROM pg_class WHERE oid = $1::regclass', [table, BOUNDED_ROWS]))
      .rows[0].large as boolean;
  const check: PlanCheck = { access: [], casesRowsRead: 0, executionMs: 0, flags: [] };
  for (const statement of statements) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.text}`, statement.values);
    const [{ Plan: plan, 'Execution Time': executionMs }] = rows[0]['QUERY PLAN'] as {
      Plan: PlanNode;
      'Execution Time': number;
    }[];
    check.executionMs += executionMs;
    for (const node of nodesOf(plan)) {
      if (node['Node Type'] === 'Seq Scan' && (await large(node['Relation Name'] ?? '')))
        check.flags.push(`Seq Scan on ${node['Relation Name']}`);
      if (node['Node Type'] === 'Bitmap Index Scan') check.access.push(`Bitmap Index Scan on ${node['Index Name']}`);
      if (node['Relation Name'] !== 'cases') continue;
      const read =
        (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) *
        node['Actual Loops'];
      check.casesRowsRead += read;
      check.access.push(`${node['Node Type']}${node['Index Name'] ? ` on ${node['Index Name']}` : ''}`);
      if (read > BOUNDED_ROWS && read > cases * WHOLE_ORGANISATION_SHARE)
        check.flags.push(`${node['Node Type']} reads ${read} of ${cases} cases`);
    }
  }
  return check;
}

/** The same plans as text, for docs/benchmarks.md. */
export async function textPlans(client: Client, statements: Statement[]): Promise<string> {
  const plans: string[] = [];
  for (const statement of statements) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    plans.push(rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
  }
  return plans.join('\n\n');
}
